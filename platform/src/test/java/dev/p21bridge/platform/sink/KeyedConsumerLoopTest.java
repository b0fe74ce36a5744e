package dev.p21bridge.platform.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.retry.RetryState.Origin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedConsumerLoopTest {

    private static final TopicPartition SOURCE = new TopicPartition("canonical.orders", 0);
    private static final TopicPartition RETRY = new TopicPartition("retry.p21-sink.1", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final SinkContext context = new SinkContext(new SinkSettings("p21-sink", "test", RetryConfig.defaults()),
            producer, new RetryBacklog(new MockConsumer<>("earliest")), metrics, Clock.systemUTC());
    private final List<ConsumerRecord<String, byte[]>> handled = new CopyOnWriteArrayList<>();
    /** The committed offset of each partition the sink was told was revoked, as it was when it was told. */
    private final Map<TopicPartition, Long> revoked = new ConcurrentHashMap<>();
    private final AtomicBoolean targetUp = new AtomicBoolean(true);
    private final KeyedConsumerLoop loop = new KeyedConsumerLoop(consumer, context, new SinkWiring(
            Map.of(SOURCE.topic(), new Route(new Finishing(), new KeyedLanes(2, "test-worker"), 32)),
            Duration.ofSeconds(5), this::revoked));

    @AfterEach
    void stop() {
        if (loop.isRunning()) {
            loop.close();
        }
    }

    @Test
    void shouldHandASourceRecordToItsRouteAndCommitItOnceItsHandlerFinishedIt() {
        assign();
        consumer.schedulePollTask(() -> consumer.addRecord(record(SOURCE, 0, new RecordHeaders())));
        loop.start();

        await("the record is committed", () -> committed(SOURCE) == 1);
        assertThat(handled).singleElement().satisfies(record -> assertThat(record.topic()).isEqualTo(SOURCE.topic()));
        assertThat(metrics.get("test.sink.in.flight").gauge().value()).isZero();
    }

    @Test
    void shouldKeepADueRetryRecordWaitingWhileItsTargetRefusesCallsAndHandItToItsOriginsRouteOnceItTakesThem() {
        targetUp.set(false);
        assign();
        consumer.schedulePollTask(() -> consumer.addRecord(record(RETRY, 0, retryHeaders())));
        loop.start();

        await("the retry partition is paused", () -> consumer.paused().contains(RETRY));
        assertThat(handled).isEmpty();
        assertThat(metrics.get("test.retry.waiting").gauge().value()).isEqualTo(1);

        targetUp.set(true);

        await("the retry record is committed", () -> committed(RETRY) == 1);
        assertThat(handled).singleElement().satisfies(record -> assertThat(record.topic()).isEqualTo(RETRY.topic()));
        await("the retry partition is resumed", () -> !consumer.paused().contains(RETRY));
    }

    @Test
    void shouldCommitFinishedWorkOnARevocationAndThenTellTheSink() {
        assign();
        consumer.schedulePollTask(() -> consumer.addRecord(record(SOURCE, 0, new RecordHeaders())));
        loop.start();
        await("the record is handled", () -> handled.size() == 1);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(RETRY)));

        await("the sink hears of the revocation", () -> revoked.containsKey(SOURCE));
        assertThat(revoked.get(SOURCE)).isEqualTo(1);
    }

    @Test
    void aRuntimeExceptionThrownByAHandlerEndsAsAnInternalDeadLetterAndTheNextRecordOfThePartitionIsCommitted() {
        assign();
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(SOURCE, 0, new RecordHeaders(), "boom"));
            consumer.addRecord(record(SOURCE, 1, new RecordHeaders(), "value"));
        });
        loop.start();

        await("both records are committed", () -> committed(SOURCE) == 2);
        assertThat(deadLetterClasses()).containsExactly("internal");
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aStackOverflowErrorThrownByAHandlerEndsAsAnInternalDeadLetterAndTheWorkerGoesOn() {
        assign();
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(SOURCE, 0, new RecordHeaders(), "deep"));
            consumer.addRecord(record(SOURCE, 1, new RecordHeaders(), "value"));
        });
        loop.start();

        await("both records are committed", () -> committed(SOURCE) == 2);
        assertThat(deadLetterClasses()).containsExactly("internal");
        assertThat(handled).hasSize(2);
    }

    @Test
    void aRetryRecordWhoseHandlerThrowsIsDeadLetteredOnceAndNotTriedAgainForEver() {
        assign();
        consumer.schedulePollTask(() -> consumer.addRecord(record(RETRY, 0, retryHeaders(), "boom")));
        loop.start();

        await("the retry record is committed", () -> committed(RETRY) == 1);
        assertThat(deadLetterClasses()).containsExactly("internal");
        await("the retry partition is resumed", () -> !consumer.paused().contains(RETRY));
        assertThat(handled).hasSize(1);
    }

    @Test
    void shouldStopPollingAndCloseTheConsumerWhenClosed() {
        assign();
        loop.start();
        await("the loop runs", loop::isRunning);

        loop.close();

        assertThat(loop.isRunning()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }

    /** Finishes every record at once, once its target takes calls. */
    private final class Finishing implements RecordHandler {

        @Override
        public void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
            handled.add(record);
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.equals("boom")) {
                throw new IllegalStateException("a bug in the sink");
            }
            if (value.equals("deep")) {
                throw new StackOverflowError();
            }
            lease.offsets().completed(record.offset());
        }

        @Override
        public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
            return targetUp.get();
        }
    }

    private void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> revoked.put(partition, committed(partition)));
    }

    private void assign() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(SOURCE, RETRY));
            consumer.updateBeginningOffsets(Map.of(SOURCE, 0L, RETRY, 0L));
        });
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static RecordHeaders retryHeaders() {
        RecordHeaders headers = new RecordHeaders();
        RetryHeaders.write(headers, new RetryState(1, Instant.now().minusSeconds(1),
                new Origin(SOURCE.topic(), 0, 7)));
        return headers;
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, RecordHeaders headers) {
        return record(partition, offset, headers, "value");
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, RecordHeaders headers,
                                                         String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L, TimestampType.CREATE_TIME,
                -1, -1, "xcart:1", value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private List<String> deadLetterClasses() {
        return producer.history().stream().filter(sent -> sent.topic().equals("dlq.p21-sink"))
                .map(sent -> DeadLetterHeaders.text(sent.headers(), DeadLetterHeaders.ERROR_CLASS).orElse(null))
                .toList();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
