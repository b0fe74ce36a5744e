package dev.p21bridge.storefront;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryState.Origin;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.RetryStep;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.shipments.ShipmentProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class StorefrontRetryFlowTest {

    private static final String KEY = "xcart:1";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 5, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final RetryRouter router = context.router();
    private final StorefrontCircuits circuits = new StorefrontCircuits(retry, clock, metrics);
    private final ParkedRecords parked = context.parked("canonical.shipments");
    private final ShippingStorefront xcart = new ShippingStorefront();
    private final RetryFlow flow;

    StorefrontRetryFlowTest() {
        Deserializer<Shipment> shipments = (topic, data) -> shipment();
        ShipmentProcessor processor = new ShipmentProcessor(shipments, Map.of(Storefront.XCART, xcart),
                new StorefrontCalls(new StorefrontErrorPolicy(), circuits, 1), context);
        flow = new RetryFlow(processor, parked, context);
    }

    @Test
    void shouldQueueALaterShipmentBehindAnEarlierOneOfItsKeyWithoutCallingTheStorefront() {
        parked.of(2).park(KEY, 5, 2);
        PartitionLease lease = lease("canonical.shipments", 6);

        flow.handle(source(6), lease);

        assertThat(xcart.calls).hasValue(0);
        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("retry.storefront-sink.2");
            assertThat(sent.partition()).isEqualTo(2);
            assertThat(RetryHeaders.read(sent.headers())).hasValueSatisfying(state ->
                    assertThat(state.origin()).isEqualTo(new Origin("canonical.shipments", 2, 6)));
        });
        assertThat(lease.offsets().positionToCommit()).hasValue(7);
        assertThat(parked.of(2).highestLevelBefore(KEY, 7)).hasValue(2);
    }

    @Test
    void shouldMoveAShipmentThatFailsTransientlyToTheFirstRetryLevelAndParkItsKey() {
        xcart.failing = true;
        PartitionLease lease = lease("canonical.shipments", 6);

        flow.handle(source(6), lease);

        assertThat(producer.history()).singleElement().satisfies(sent ->
                assertThat(sent.topic()).isEqualTo("retry.storefront-sink.1"));
        assertThat(lease.offsets().positionToCommit()).hasValue(7);
        assertThat(parked.of(2).isParked(KEY)).isTrue();
    }

    @Test
    void shouldDeadLetterAShipmentStillFailingAtTheLastLevelAsRetriesExhaustedAndReleaseItsKey() {
        xcart.failing = true;
        parked.of(2).park(KEY, 6, 3);
        PartitionLease lease = lease("retry.storefront-sink.3", 0);

        RetryStep step = flow.handleRetry(fromRetry(3, 6), lease);

        assertThat(step.isDone()).isTrue();
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo("dlq.storefront-sink");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("retries-exhausted");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.shipments");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("6");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(letter.headers().lastHeader(RetryHeaders.ATTEMPT)).isNull();
        assertThat(parked.of(2).isParked(KEY)).isFalse();
    }

    @Test
    void shouldHoldARetryRecordWithoutSpendingALevelWhileItsStorefrontsCircuitIsOpen() {
        CircuitBreaker breaker = circuits.of(Storefront.XCART);
        for (int i = 0; i < retry.circuitFailures(); i++) {
            breaker.failed(breaker.tryAcquire().orElseThrow());
        }
        xcart.failing = true;
        PartitionLease lease = lease("retry.storefront-sink.2", 0);

        RetryStep step = flow.handleRetry(fromRetry(2, 6), lease);

        assertThat(step.kind()).isEqualTo(RetryStep.Kind.HELD);
        assertThat(producer.history()).isEmpty();
        assertThat(lease.offsets().positionToCommit()).isEmpty();
    }

    @Test
    void shouldReleaseTheKeyOfARetryRecordThatGetsThrough() {
        parked.of(2).park(KEY, 6, 1);

        RetryStep step = flow.handleRetry(fromRetry(1, 6), lease("retry.storefront-sink.1", 0));

        assertThat(step.isDone()).isTrue();
        assertThat(xcart.calls).hasValue(1);
        assertThat(parked.of(2).isParked(KEY)).isFalse();
    }

    private static PartitionLease lease(String topic, long offset) {
        PartitionLease lease = new PartitionLease(new TopicPartition(topic, 2));
        lease.offsets().received(offset);
        return lease;
    }

    private static ConsumerRecord<String, byte[]> source(long offset) {
        return new ConsumerRecord<>("canonical.shipments", 2, offset, KEY, "shipment".getBytes(StandardCharsets.UTF_8));
    }

    private ConsumerRecord<String, byte[]> fromRetry(int level, long originOffset) {
        RecordHeaders headers = new RecordHeaders();
        RetryHeaders.write(headers, new RetryState(level, clock.instant(), new Origin("canonical.shipments", 2,
                originOffset)));
        return new ConsumerRecord<>("retry.storefront-sink." + level, 2, 0, 0L, TimestampType.CREATE_TIME, -1, -1, KEY,
                "shipment".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static Shipment shipment() {
        return Shipment.newBuilder().setOrderKey(KEY).setSource(Source.XCART).setOrderId("1")
                .setSourceEventId("evt-ship-1").setEventTime(Instant.EPOCH).setP21OrderNo("1000123")
                .setPickTicketNo("PT-1").setCarrier("UPS").setTrackingNumbers(List.of("1Z1"))
                .setShippedAt(Instant.EPOCH).setLines(List.of()).build();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** X-Cart shipping every order, or failing with 503 when told to. */
    private static final class ShippingStorefront implements StorefrontClient {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;

        @Override
        public Storefront storefront() {
            return Storefront.XCART;
        }

        @Override
        public boolean setStock(String sku, long amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setPrice(String sku, BigDecimal price) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.OptionalLong stock(String sku) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ShipOutcome ship(String orderId, String carrier, List<String> trackingNumbers) {
            calls.incrementAndGet();
            if (failing) {
                throw new StorefrontCallException(Storefront.XCART, 503, "Service Unavailable", null);
            }
            return ShipOutcome.CHANGED;
        }
    }
}
