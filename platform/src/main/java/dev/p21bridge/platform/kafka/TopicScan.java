package dev.p21bridge.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions from given offsets up to the end offsets they had when the scan began, without a consumer group,
 * so what a poller wrote before a restart is read back before it writes anything new.
 */
public final class TopicScan {

    private TopicScan() {
    }

    /** Hands every record from {@code from} to the end to {@code sink}; throws when the end is not reached in time. */
    public static void scan(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> from, Duration timeout,
                     Consumer<ConsumerRecord<String, byte[]>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(from.keySet(), timeout));
        end.entrySet().removeIf(e -> e.getValue() <= from.get(e.getKey()));
        while (!end.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not deliver " + end.keySet() + " to their end within "
                        + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                sink.accept(record);
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        }
    }
}
