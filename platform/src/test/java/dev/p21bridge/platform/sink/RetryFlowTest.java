package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.retry.RetryState.Origin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import dev.p21bridge.platform.retry.CircuitBreaker;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RetryFlowTest {

    private static final String KEY = "xcart:1";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final SinkContext context = new SinkContext(new SinkSettings("p21-sink", "test", RetryConfig.defaults()),
            producer, new RetryBacklog(new MockConsumer<>("earliest")), new SimpleMeterRegistry(), Clock.systemUTC());
    private final ParkedRecords parked = context.parked("canonical.orders");

    @Test
    void aRuntimeExceptionInTheDeliveryEndsAsAnInternalDeadLetterAndFinishesTheOffset() {
        PartitionLease lease = lease("canonical.orders");

        new RetryFlow(throwing(() -> new IllegalStateException("customer dana@example.com broke it")), parked, context)
                .handle(record("canonical.orders", 4, new RecordHeaders()), lease);

        assertThat(lease.offsets().positionToCommit()).hasValue(5);
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo("dlq.p21-sink");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .contains("IllegalStateException", "log")
                .doesNotContain("dana@example.com");
    }

    @Test
    void aStackOverflowErrorInTheDeliveryEndsAsAnInternalDeadLetterAndFinishesTheOffset() {
        PartitionLease lease = lease("canonical.orders");

        new RetryFlow(throwing(StackOverflowError::new), parked, context)
                .handle(record("canonical.orders", 4, new RecordHeaders()), lease);

        assertThat(lease.offsets().positionToCommit()).hasValue(5);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
    }

    @Test
    void aRetryRecordWhoseDeliveryThrowsIsDeadLetteredAsItsOriginAndReleasesItsParkedKey() {
        parked.of(0).park(KEY, 7, 1);
        PartitionLease lease = lease("retry.p21-sink.1");
        RecordHeaders headers = new RecordHeaders();
        RetryHeaders.write(headers, new RetryState(1, Instant.now(), new Origin("canonical.orders", 0, 7)));

        RetryStep step = new RetryFlow(throwing(() -> new NullPointerException()), parked, context)
                .handleRetry(record("retry.p21-sink.1", 4, headers), lease);

        assertThat(step.isDone()).isTrue();
        assertThat(lease.offsets().positionToCommit()).hasValue(5);
        assertThat(parked.of(0).isParked(KEY)).as("a later record of the key no longer waits behind it").isFalse();
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.orders");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("7");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
    }

    @Test
    void aMoveToRetryThatCanNeverBeWrittenBecomesASmallDeadLetterAndTheKeyWaitsNoMore() {
        MockProducer<String, byte[]> refusing = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                return record.topic().startsWith("retry.")
                        ? CompletableFuture.failedFuture(new RecordTooLargeException("over max.message.bytes"))
                        : super.send(record, callback);
            }
        };
        SinkContext sink = new SinkContext(new SinkSettings("p21-sink", "test", RetryConfig.defaults()), refusing,
                new RetryBacklog(new MockConsumer<>("earliest")), new SimpleMeterRegistry(), Clock.systemUTC());
        ParkedRecords keys = sink.parked("canonical.orders");
        PartitionLease lease = lease("canonical.orders");

        new RetryFlow(failing(), keys, sink).handle(record("canonical.orders", 4, new RecordHeaders()), lease);

        assertThat(lease.offsets().positionToCommit()).hasValue(5);
        assertThat(keys.of(0).isParked(KEY)).isFalse();
        assertThat(refusing.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq.p21-sink");
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("retry level 1 of xcart:1");
        });
    }

    private static Delivery failing() {
        return new Delivery() {
            @Override
            public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
                return new Attempt.Failed(CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()),
                        "P21 answered 503", Duration.ZERO);
            }

            @Override
            public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
                return true;
            }

            @Override
            public String what() {
                return "order";
            }
        };
    }

    private static Delivery throwing(Supplier<? extends Throwable> fault) {
        return new Delivery() {
            @Override
            public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
                Throwable thrown = fault.get();
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }

            @Override
            public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
                return true;
            }

            @Override
            public String what() {
                return "order";
            }
        };
    }

    private static PartitionLease lease(String topic) {
        PartitionLease lease = new PartitionLease(new TopicPartition(topic, 0));
        lease.offsets().received(4);
        return lease;
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, offset, 0L, TimestampType.CREATE_TIME, -1, -1, KEY,
                "value".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name).orElse(null);
    }
}
