package dev.p21bridge.platform.retry;

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
 * The keys of one source topic with records in retry, one {@link ParkedKeys} per assigned partition of that topic.
 * Nothing is stored besides the retry topics themselves: when source partition p is assigned, what waits unconsumed
 * in the service's retry partitions p (from the group's committed offset to the end) and came from this source topic
 * is read and parked again, so the set survives restarts and rebalances. This works when the consumer owns partition
 * p of the source and of every retry topic together (range assignment over topics of equal partition count), since
 * {@link RetryRouter} writes a record to the retry partition numbered like its source partition. Retry topics shared
 * by several source topics are fine: records of other origins are skipped.
 */
public final class ParkedRecords {

    private static final Logger log = LoggerFactory.getLogger(ParkedRecords.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RetryRouter router;
    private final RetryBacklog backlog;
    private final String sourceTopic;
    private final Map<Integer, ParkedKeys> byPartition = new ConcurrentHashMap<>();

    public ParkedRecords(RetryRouter router, RetryBacklog backlog, String sourceTopic) {
        this.router = router;
        this.backlog = backlog;
        this.sourceTopic = sourceTopic;
    }

    /** The parked keys of source partition {@code partition} (retry partitions share its number). */
    public ParkedKeys of(int partition) {
        return byPartition.computeIfAbsent(partition, p -> new ParkedKeys());
    }

    /**
     * Rebuilds the parked keys of the newly assigned source partitions from the retry backlog. Call it on the poll
     * thread inside the assignment callback, before any record of those partitions is handed out. A backlog that
     * cannot be read is logged, not thrown: later records of keys in retry may then overtake them until the next
     * rebalance.
     */
    public void rebuild(Consumer<String, byte[]> consumer, Collection<TopicPartition> assigned) {
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
                "{} is not assigned together with {}-{}: order across retries is not guaranteed for its keys "
                        + "(partition.assignment.strategy must stay RangeAssignor)", retry, sourceTopic,
                retry.partition()));
        try {
            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(retryPartitions),
                    READ_TIMEOUT);
            committed.forEach((partition, offset) -> from.put(partition, offset == null ? null : offset.offset()));
            int parked = 0;
            for (ConsumerRecord<String, byte[]> record : backlog.read(retryPartitions, from, READ_TIMEOUT)) {
                RetryState state = router.stateOf(record);
                if (record.key() != null && state.origin().topic().equals(sourceTopic)) {
                    of(state.origin().partition()).park(record.key(), state.origin().offset(),
                            router.levelOf(record.topic()));
                    parked++;
                }
            }
            log.info("{} records of {} wait in retry for its partitions {}", parked, sourceTopic, sourcePartitions);
        } catch (RuntimeException e) {
            log.error("could not read the retry backlog of {} partitions {}; later records of keys in retry may "
                    + "overtake them until the next rebalance", sourceTopic, sourcePartitions, e);
        }
    }

    /** Drops the parked keys of source partitions no longer owned. */
    public void forget(Collection<TopicPartition> revoked) {
        sources(revoked).forEach(byPartition::remove);
    }

    /** Keys with records in retry, over all owned partitions. */
    public int keys() {
        return byPartition.values().stream().mapToInt(ParkedKeys::keys).sum();
    }

    private List<Integer> sources(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(sourceTopic)).map(TopicPartition::partition).toList();
    }
}
