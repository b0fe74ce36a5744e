package dev.p21bridge.platform.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * This instance's hold on one assigned partition, from assignment to revocation. Work of the partition checks it:
 * once revoked, queued records are dropped and retry waits end early, so the partition's new owner does not race a
 * zombie. Each assignment gets a new lease with its own {@link OffsetTracker}, so late work of an old assignment can
 * never move a new assignment's commit position.
 */
public final class PartitionLease {

    private final TopicPartition partition;
    private final OffsetTracker offsets = new OffsetTracker();
    private final CountDownLatch revoked = new CountDownLatch(1);
    private final long unreadFrom;
    private int running;

    public PartitionLease(TopicPartition partition) {
        this(partition, Long.MAX_VALUE);
    }

    /**
     * @param unreadFrom the partition's end offset when this assignment began: records from there on were written
     *                   after it, so no earlier owner can have read them; {@link Long#MAX_VALUE} when unknown
     */
    public PartitionLease(TopicPartition partition, long unreadFrom) {
        this.partition = partition;
        this.unreadFrom = unreadFrom;
    }

    /**
     * True when the record at {@code offset} was written after this assignment began, so this is the first time any
     * instance reads it: no earlier owner of the partition can have acted on it and crashed before committing.
     */
    public boolean isFirstReading(long offset) {
        return offset >= unreadFrom;
    }

    public TopicPartition partition() {
        return partition;
    }

    public OffsetTracker offsets() {
        return offsets;
    }

    public void revoke() {
        revoked.countDown();
    }

    public boolean isRevoked() {
        return revoked.getCount() == 0;
    }

    /** Waits {@code delay} unless the lease is revoked first; answers whether it was revoked. */
    public boolean awaitRevoked(Duration delay) {
        try {
            return revoked.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** A worker starts on a record of this partition; false if the lease is already revoked. */
    public synchronized boolean enter() {
        if (isRevoked()) {
            return false;
        }
        running++;
        return true;
    }

    public synchronized void exit() {
        running--;
        notifyAll();
    }

    /** Waits until no worker is on a record of this partition, at most until {@code deadlineNanos}. */
    public synchronized boolean awaitIdle(long deadlineNanos) {
        while (running > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
