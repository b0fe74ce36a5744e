package dev.p21bridge.platform.retry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records fetched from retry partitions, waiting for their {@code retry-not-before}. A partition is worked in
 * order, one record at a time: only its head can be handed out, and only once it is due, so a record never overtakes
 * an earlier one of its partition. The poll thread keeps a partition paused while it has records here
 * ({@link #isWaiting}), which is how a consumer waits for a due time without sleeping and without holding up other
 * partitions or the source topic. Thread-safe: the poll thread adds and takes, workers report back.
 */
public final class RetryScheduler {

    private static final class Queue {
        final ArrayDeque<ConsumerRecord<String, byte[]>> records = new ArrayDeque<>();
        Instant headDue;
        boolean headOut;
    }

    private final Clock clock;
    private final Map<TopicPartition, Queue> queues = new HashMap<>();

    public RetryScheduler(Clock clock) {
        this.clock = clock;
    }

    /** A record polled from a retry partition; records of one partition must be added in offset order. */
    public synchronized void add(ConsumerRecord<String, byte[]> record) {
        Queue queue = queues.computeIfAbsent(partition(record), p -> new Queue());
        queue.records.addLast(record);
        if (queue.records.size() == 1) {
            queue.headDue = dueTime(record);
        }
    }

    /** The heads that are due and not handed out yet; each stays handed out until {@link #done} or {@link #putBack}. */
    public synchronized List<ConsumerRecord<String, byte[]>> takeDue() {
        Instant now = clock.instant();
        List<ConsumerRecord<String, byte[]>> due = new ArrayList<>();
        for (Queue queue : queues.values()) {
            if (!queue.headOut && !queue.records.isEmpty() && !now.isBefore(queue.headDue)) {
                queue.headOut = true;
                due.add(queue.records.peekFirst());
            }
        }
        return due;
    }

    /**
     * {@code record}, a head handed out, is finished; the next record of its partition becomes the head. A report
     * about a record object that is not the current head (its partition was revoked and assigned again meanwhile,
     * and the record read anew) is ignored.
     */
    public synchronized void done(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = partition(record);
        Queue queue = queues.get(partition);
        if (!isHead(queue, record)) {
            return;
        }
        queue.records.pollFirst();
        queue.headOut = false;
        if (queue.records.isEmpty()) {
            queues.remove(partition);
        } else {
            queue.headDue = dueTime(queue.records.peekFirst());
        }
    }

    /** {@code record}, a head handed out, comes back unfinished; it stays the head and is due again at {@code dueAgain}. */
    public synchronized void putBack(ConsumerRecord<String, byte[]> record, Instant dueAgain) {
        Queue queue = queues.get(partition(record));
        if (isHead(queue, record)) {
            queue.headOut = false;
            queue.headDue = dueAgain;
        }
    }

    /** True while {@code partition} has records here: keep it paused so nothing more is fetched for it. */
    public synchronized boolean isWaiting(TopicPartition partition) {
        Queue queue = queues.get(partition);
        return queue != null && !queue.records.isEmpty();
    }

    /** The earliest due time of a head not handed out. */
    public synchronized Optional<Instant> nextDue() {
        return queues.values().stream().filter(q -> !q.headOut && !q.records.isEmpty())
                .map(q -> q.headDue).min(Instant::compareTo);
    }

    /** Drops the records of partitions this instance no longer owns; their next owner reads them again. */
    public synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(queues::remove);
    }

    /** Records waiting here, handed-out heads included. */
    public synchronized int size() {
        return queues.values().stream().mapToInt(q -> q.records.size()).sum();
    }

    private static boolean isHead(Queue queue, ConsumerRecord<String, byte[]> record) {
        return queue != null && queue.headOut && !queue.records.isEmpty()
                && queue.records.peekFirst() == record;
    }

    private Instant dueTime(ConsumerRecord<String, byte[]> record) {
        return RetryHeaders.notBefore(record.headers(), clock.instant());
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }
}
