package dev.p21bridge.storefront.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A P21 customer change whose storefront fails transiently leaves through the retry topics, not in place. */
class CustomerProcessorTest {

    private static final String EMAIL = "dana@example.com";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 20, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final RetryRouter router = context.router();
    private final StorefrontCircuits circuits = new StorefrontCircuits(retry, clock, metrics);
    private final FlakyStorefront xcart = new FlakyStorefront();
    private final CustomerProcessor processor;
    private final RetryFlow flow;

    CustomerProcessorTest() {
        processor = new CustomerProcessor((topic, data) -> customer(), List.of(xcart),
                new StorefrontCalls(new StorefrontErrorPolicy(), circuits, 2), context);
        flow = new RetryFlow(processor, context.parked("canonical.customers"), context);
    }

    @Test
    void shouldMoveTheChangeToTheFirstRetryTopicAfterItsTriesInPlace() {
        xcart.failing.set(true);
        PartitionLease lease = lease();

        flow.handle(record(), lease);

        assertThat(xcart.calls).as("two tries in place").hasValue(2);
        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("retry.storefront-sink.1");
            assertThat(sent.key()).isEqualTo(EMAIL);
            assertThat(RetryHeaders.read(sent.headers())).hasValueSatisfying(state ->
                    assertThat(state.origin().topic()).isEqualTo("canonical.customers"));
        });
        assertThat(lease.offsets().positionToCommit()).hasValue(8);
    }

    @Test
    void shouldWriteTheChangeOnceTheStorefrontAnswers() {
        assertThat(processor.attempt(record(), lease())).isInstanceOf(Attempt.Done.class);
        assertThat(xcart.calls).hasValue(1);
        assertThat(producer.history()).isEmpty();
    }

    private static PartitionLease lease() {
        PartitionLease lease = new PartitionLease(new TopicPartition("canonical.customers", 1));
        lease.offsets().received(7);
        return lease;
    }

    private static ConsumerRecord<String, byte[]> record() {
        return new ConsumerRecord<>("canonical.customers", 1, 7, EMAIL, "customer".getBytes(StandardCharsets.UTF_8));
    }

    private static Customer customer() {
        return Customer.newBuilder().setEmail(EMAIL).setSource(Source.P21).setSourceEventId("e")
                .setChangeType(ChangeType.UPDATED).setEventTime(Instant.EPOCH).setChangedAt(Instant.EPOCH)
                .setFirstName("Dana").setLastName("Whitfield").build();
    }

    /** X-Cart's customer API, answering 503 while {@code failing}. */
    private static final class FlakyStorefront implements StorefrontCustomers {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public Storefront storefront() {
            return Storefront.XCART;
        }

        @Override
        public SyncOutcome sync(String email, CustomerFields wanted) {
            calls.incrementAndGet();
            if (failing.get()) {
                throw new StorefrontCallException(Storefront.XCART, 503, "Service Unavailable", null);
            }
            return SyncOutcome.CHANGED;
        }
    }
}
