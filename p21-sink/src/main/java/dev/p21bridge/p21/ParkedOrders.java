package dev.p21bridge.p21;

import dev.p21bridge.platform.retry.ParkedKeys;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order keys with records in retry, one {@link ParkedKeys} per assigned partition of {@code canonical.orders}.
 * Nothing is stored besides the retry topics themselves: when partition p is assigned, what waits unconsumed in
 * {@code retry.p21-sink.1..3} partition p (from the group's committed offset to the end) is read and parked again,
 * so the set survives restarts and rebalances. This works because the consumer owns partition p of the source and of
 * every retry topic together (range assignment over topics of equal partition count) and {@link RetryRouter} writes
 * a record to the retry partition numbered like its source partition.
 */
final class ParkedOrders {

    private static final Logger log = LoggerFactory.getLogger(ParkedOrders.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RetryRouter router;
    private final RetryBacklog backlog;
    private final Map<Integer, ParkedKeys> byPartition = new ConcurrentHashMap<>();

    ParkedOrders(RetryRouter router, RetryBacklog backlog) {
        this.router = router;
        this.backlog = backlog;
    }

    /** The parked keys of source partition {@code partition} (retry partitions share its number). */
    ParkedKeys of(int partition) {
        return byPartition.computeIfAbsent(partition, p -> new ParkedKeys());
    }

    /**
     * Rebuilds the parked keys of the newly assigned source partitions from the retry backlog. Runs on the poll
     * thread inside the assignment callback, before any record of those partitions is handed out.
     */
    void rebuild(Consumer<String, byte[]> consumer, Collection<TopicPartition> assigned) {
        List<Integer> sourcePartitions = sources(assigned);
        if (sourcePartitions.isEmpty()) {
            return;
        }
        List<TopicPartition> retryPartitions = new ArrayList<>();
        for (int partition : sourcePartitions) {
            byPartition.put(partition, new ParkedKeys());
            router.topics().forEach(topic -> retryPartitions.add(new TopicPartition(topic, partition)));
        }
        Set<TopicPartition> owned = consumer.assignment();
        retryPartitions.stream().filter(retry -> !owned.contains(retry)).forEach(retry -> log.warn(
                "{} is not assigned together with canonical.orders-{}: order across retries is not guaranteed for "
                        + "its keys (partition.assignment.strategy must stay RangeAssignor)", retry, retry.partition()));
        try {
            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(retryPartitions),
                    READ_TIMEOUT);
            committed.forEach((partition, offset) -> from.put(partition, offset == null ? null : offset.offset()));
            List<ConsumerRecord<String, byte[]>> waiting = backlog.read(retryPartitions, from, READ_TIMEOUT);
            for (ConsumerRecord<String, byte[]> record : waiting) {
                if (record.key() != null) {
                    RetryState state = router.stateOf(record);
                    of(state.origin().partition()).park(record.key(), state.origin().offset(),
                            router.levelOf(record.topic()));
                }
            }
            log.info("{} records wait in retry for source partitions {}", waiting.size(), sourcePartitions);
        } catch (RuntimeException e) {
            log.error("could not read the retry backlog of partitions {}; later records of keys in retry may overtake "
                    + "them until the next rebalance", sourcePartitions, e);
        }
    }

    /** Drops the parked keys of source partitions no longer owned. */
    void forget(Collection<TopicPartition> revoked) {
        sources(revoked).forEach(byPartition::remove);
    }

    private static List<Integer> sources(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(Topics.CANONICAL_ORDERS.name()))
                .map(TopicPartition::partition).toList();
    }

    /** Keys with records in retry, over all owned partitions. */
    int keys() {
        return byPartition.values().stream().mapToInt(ParkedKeys::keys).sum();
    }
}
