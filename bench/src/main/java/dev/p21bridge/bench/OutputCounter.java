package dev.p21bridge.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
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

    /** When the first and the last expected record became visible, in {@link System#nanoTime()}. */
    record Seen(long firstNanos, long lastNanos) {
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

    /** Blocks until {@code expected} records were read. */
    Seen await(int expected, Duration deadline) throws TimeoutException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        long first = 0;
        int count = 0;
        while (count < expected) {
            if (System.nanoTime() > giveUp) {
                throw new TimeoutException("only " + count + " of " + expected + " records within " + deadline);
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            if (!records.isEmpty() && count == 0) {
                first = System.nanoTime();
            }
            count += records.count();
        }
        return new Seen(first, System.nanoTime());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
