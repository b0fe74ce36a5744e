package dev.p21bridge.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic whole, from the beginning to the end offsets it has when the read starts, with a consumer outside any
 * group ({@link ClientProperties#backlogReader}): how a service rebuilds what it keeps in a compacted topic at start.
 */
public final class TopicReplay {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReplay() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} at its beginning, reads each record into
     * {@code each} until every partition reaches the end offset it had then, and answers the partitions; none when
     * the topic does not exist.
     *
     * @throws IllegalStateException when the end is not reached within {@code limit}
     */
    public static <K, V> List<TopicPartition> readToEnd(Consumer<K, V> consumer, String topic, Duration limit,
                                                        java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            return partitions;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        long deadline = System.nanoTime() + limit.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + limit);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                each.accept(record);
            }
        }
        return partitions;
    }
}
