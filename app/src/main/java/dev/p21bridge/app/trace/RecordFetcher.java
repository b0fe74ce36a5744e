package dev.p21bridge.app.trace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads single records back by topic, partition and offset, outside any consumer group, for a trace: the index keeps
 * where a record is, this fetches the few an answer shows. A record the topic no longer holds (past retention, or
 * compacted away) is answered as absent.
 */
final class RecordFetcher implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(3);

    private final KafkaConsumer<String, byte[]> consumer;

    RecordFetcher(Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bridge-trace-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The record at {@code offset}, or empty when the topic holds it no more. One fetch at a time. */
    synchronized Optional<ConsumerRecord<String, byte[]>> fetch(String topic, int partition, long offset) {
        TopicPartition where = new TopicPartition(topic, partition);
        consumer.assign(List.of(where));
        consumer.seek(where, offset);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == offset) {
                    return Optional.of(record);
                }
                if (record.offset() > offset) {
                    return Optional.empty();
                }
            }
            if (consumer.position(where) > offset) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
