package dev.p21bridge.platform.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionLease}s of a poll loop that hands records to worker threads, and the two steps that keep such a
 * loop at-least-once: commit per partition only the position after the longest run of finished records, and on a
 * revocation let running work finish (bounded) before that last commit, so the next owner reads again exactly what
 * was not finished. Both sinks' poll loops run these steps; written once, a fix to either reaches both.
 *
 * <p>Only the poll thread changes the map or commits; workers and metric gauges read it, so it is concurrent.
 */
public final class PartitionLeases {

    private static final Logger log = LoggerFactory.getLogger(PartitionLeases.class);

    private final Map<TopicPartition, PartitionLease> leases = new ConcurrentHashMap<>();
    private final Duration commitTimeout;

    public PartitionLeases(Duration commitTimeout) {
        this.commitTimeout = commitTimeout;
    }

    /** The lease of the record's partition; a partition read before its assignment was seen gets one now. */
    public PartitionLease of(ConsumerRecord<?, ?> record) {
        return leases.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), PartitionLease::new);
    }

    /** The lease of {@code partition}, or {@code null} once it was revoked or lost. */
    public PartitionLease get(TopicPartition partition) {
        return leases.get(partition);
    }

    public Collection<PartitionLease> all() {
        return leases.values();
    }

    /** Records handed to workers and not yet finished, over all partitions. */
    public int inFlight() {
        return leases.values().stream().mapToInt(lease -> lease.offsets().inFlight()).sum();
    }

    /** New leases: late work of an earlier assignment of the same partition cannot move their positions. */
    public void assigned(Collection<TopicPartition> partitions) {
        assigned(partitions, Map.of());
    }

    /**
     * New leases, each knowing the end offset its partition had at assignment ({@code endOffsets}; a partition not in
     * it counts every record as possibly read before, see {@link PartitionLease#isFirstReading}).
     */
    public void assigned(Collection<TopicPartition> partitions, Map<TopicPartition, Long> endOffsets) {
        partitions.forEach(partition -> leases.put(partition,
                new PartitionLease(partition, endOffsets.getOrDefault(partition, Long.MAX_VALUE))));
    }

    /**
     * Revokes the leases of {@code partitions}, waits for their running work at most {@code wait}, commits what is
     * finished, and forgets them. Queued work of theirs is dropped by the lanes; the next owner reads it again.
     */
    public void revoke(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Duration wait) {
        commit(consumer, drain(partitions, wait));
        partitions.forEach(leases::remove);
    }

    /** Partitions taken away without a chance to commit: their leases are revoked so no worker starts on them. */
    public void lost(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            PartitionLease lease = leases.remove(partition);
            if (lease != null) {
                lease.revoke();
            }
        });
    }

    /**
     * On shutdown: revokes every lease, waits for running work at most {@code wait}, and commits what is finished.
     * A wakeup that arrives here (close() woke the consumer after the loop had left poll) is spent by the first
     * commit, so it is tried once more.
     */
    public void closeAll(Consumer<?, ?> consumer, Duration wait) {
        List<PartitionLease> drained = drain(new ArrayList<>(leases.keySet()), wait);
        try {
            commit(consumer, drained);
        } catch (WakeupException pendingWakeup) {
            commit(consumer, drained);
        } catch (RuntimeException e) {
            log.warn("final commit failed: {}", e.toString());
        }
        leases.clear();
    }

    /**
     * Pauses the partitions {@code rule} holds back and resumes the paused ones it no longer does, one consumer call
     * each: pausing keeps a busy partition's records in Kafka instead of in memory, while the poll goes on (and the
     * group membership with it).
     */
    public void pauseOrResume(Consumer<?, ?> consumer, PauseRule rule) {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        Set<TopicPartition> paused = consumer.paused();
        for (PartitionLease lease : leases.values()) {
            boolean isPaused = paused.contains(lease.partition());
            boolean shouldPause = rule.shouldPause(lease, isPaused);
            if (shouldPause && !isPaused) {
                pause.add(lease.partition());
            } else if (!shouldPause && isPaused) {
                resume.add(lease.partition());
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /**
     * The rule for a source partition: it pauses at {@code pauseAt} records in flight and resumes at half of it, so
     * it does not flap at the limit.
     */
    public static boolean overLimit(PartitionLease lease, int pauseAt, boolean paused) {
        int inFlight = lease.offsets().inFlight();
        return paused ? inFlight > pauseAt / 2 : inFlight >= pauseAt;
    }

    /** Whether a partition should be paused, given whether it is now. */
    @FunctionalInterface
    public interface PauseRule {
        boolean shouldPause(PartitionLease lease, boolean paused);
    }

    /** Commits every lease's position after its finished records; a failed commit is left for the next call. */
    public void commitFinished(Consumer<?, ?> consumer) {
        commit(consumer, leases.values());
    }

    private void commit(Consumer<?, ?> consumer, Collection<PartitionLease> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLease lease : of) {
            OptionalLong position = lease.offsets().positionToCommit();
            position.ifPresent(p -> offsets.put(lease.partition(), new OffsetAndMetadata(p)));
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, commitTimeout);
            offsets.forEach((partition, offset) -> {
                PartitionLease lease = leases.get(partition);
                if (lease != null) {
                    lease.offsets().committed(offset.offset());
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("commit of {} failed; it is tried again: {}", offsets, e.toString());
        }
    }

    private List<PartitionLease> drain(Collection<TopicPartition> partitions, Duration wait) {
        List<PartitionLease> drained = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionLease lease = leases.get(partition);
            if (lease != null) {
                lease.revoke();
                drained.add(lease);
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (PartitionLease lease : drained) {
            if (!lease.awaitIdle(deadline)) {
                log.warn("work on {} still running after {}; its records are read again by the next owner",
                        lease.partition(), wait);
            }
        }
        return drained;
    }
}
