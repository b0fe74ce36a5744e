package dev.p21bridge.bench;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records a run adds to an output topic, as a downstream reader sees them: a {@code read_committed}
 * consumer from the offsets the topic had before the run. Counting records rather than reading end offsets matters
 * under exactly-once, where every transaction adds a commit marker that takes an offset but is no record.
 */
final class OutputCounter implements AutoCloseable {

    /**
     * How many records were read, and when the first and the last of them became visible, in
     * {@link System#nanoTime()}; fewer than expected when the deadline passed first.
     */
    record Seen(int count, long firstNanos, long lastNanos) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;

    private OutputCounter(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Positions a reader at the current end of every partition of {@code topic}: only later records count. */
    static OutputCounter fromEndOf(String bootstrapServers, String topic) {
        return new OutputCounter(EndOfTopicReader.open(bootstrapServers, topic, new ByteArrayDeserializer(), 20));
    }

    /** Blocks until {@code expected} records were read or {@code deadline} passed. */
    Seen await(int expected, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        long first = 0;
        long last = 0;
        int count = 0;
        while (count < expected && System.nanoTime() < giveUp) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            if (!records.isEmpty()) {
                last = System.nanoTime();
                first = count == 0 ? last : first;
            }
            count += records.count();
        }
        return new Seen(count, first, last);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
