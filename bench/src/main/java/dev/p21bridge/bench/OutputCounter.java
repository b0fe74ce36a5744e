package dev.p21bridge.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        ends.forEach(consumer::seek);
        return new OutputCounter(consumer);
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
