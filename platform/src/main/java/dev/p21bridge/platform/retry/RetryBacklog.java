package dev.p21bridge.platform.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what still waits in retry partitions: every record from a given position (the group's committed offset) to
 * the current end. A sink reads it when it is assigned partitions, to rebuild its {@link ParkedKeys}: which keys
 * have records in retry survives restarts and rebalances without a store of its own, because the retry topics are
 * that store.
 *
 * <p>The scanner is a consumer outside any group (assign, never subscribe), used only from the calling thread.
 */
public final class RetryBacklog {

    private final Consumer<String, byte[]> scanner;

    public RetryBacklog(Consumer<String, byte[]> scanner) {
        this.scanner = scanner;
    }

    /**
     * The records from {@code from} (a partition missing from the map, or mapped to null, is read from its beginning)
     * to each partition's end at the time of the call, in offset order per partition.
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> read(List<TopicPartition> partitions, Map<TopicPartition, Long> from,
                                                     Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        if (partitions.isEmpty()) {
            return records;
        }
        scanner.assign(partitions);
        try {
            Map<TopicPartition, Long> end = scanner.endOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                Long position = from.get(partition);
                if (position == null) {
                    scanner.seekToBeginning(List.of(partition));
                } else {
                    scanner.seek(partition, position);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> scanner.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the retry backlog of " + partitions
                            + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : scanner.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        records.add(record);
                    }
                }
            }
            return records;
        } finally {
            scanner.assign(List.of());
        }
    }
}
