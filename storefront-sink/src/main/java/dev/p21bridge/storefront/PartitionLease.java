package dev.p21bridge.storefront;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * This instance's hold on one assigned partition, from assignment to revocation. Work of the partition checks it:
 * once revoked, queued records are dropped and retry waits end early, so the partition's new owner does not race a
 * zombie. Each assignment gets a new lease with its own {@link OffsetTracker}, so late work of an old assignment can
 * never move a new assignment's commit position. (A copy of the p21-sink's class; it belongs in platform.)
 */
final class PartitionLease {

    private final TopicPartition partition;
    private final OffsetTracker offsets = new OffsetTracker();
    private final CountDownLatch revoked = new CountDownLatch(1);
    private int running;

    PartitionLease(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    OffsetTracker offsets() {
        return offsets;
    }

    void revoke() {
        revoked.countDown();
    }

    boolean isRevoked() {
        return revoked.getCount() == 0;
    }

    /** Waits {@code delay} unless the lease is revoked first; answers whether it was revoked. */
    boolean awaitRevoked(Duration delay) {
        try {
            return revoked.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** A worker starts on a record of this partition; false if the lease is already revoked. */
    synchronized boolean enter() {
        if (isRevoked()) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    /** Waits until no worker is on a record of this partition, at most until {@code deadlineNanos}. */
    synchronized boolean awaitIdle(long deadlineNanos) {
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
