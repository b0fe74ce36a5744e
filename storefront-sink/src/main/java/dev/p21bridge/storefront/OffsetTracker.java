package dev.p21bridge.storefront;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The offsets of one partition that were handed out and are not yet behind the commit point. Records finish in any
 * order (different keys run in parallel; a stock record finishes when the flush that covered it does), but the
 * position to commit only ever moves past a contiguous run of finished offsets: committing past an unfinished record
 * would lose it if the service stopped. Thread-safe: the poll thread adds, workers and the flusher complete.
 * Each call is O(1) amortized, since a burst of stock changes puts thousands of offsets in flight at once.
 */
final class OffsetTracker {

    private final ArrayDeque<Long> outstanding = new ArrayDeque<>();
    private final Set<Long> unfinished = new HashSet<>();
    private final Set<Long> finishedOutOfOrder = new HashSet<>();
    private long position = -1;
    private long committed = -1;

    /** A record was handed out; offsets must arrive in increasing order, as a consumer delivers them. */
    synchronized void received(long offset) {
        if (!outstanding.isEmpty() && offset <= outstanding.peekLast()) {
            throw new IllegalArgumentException("offset " + offset + " after " + outstanding.peekLast());
        }
        outstanding.addLast(offset);
        unfinished.add(offset);
    }

    /** The outcome of the record at {@code offset} is known and durable; a second call is ignored. */
    synchronized void completed(long offset) {
        if (!unfinished.remove(offset)) {
            return;
        }
        finishedOutOfOrder.add(offset);
        while (!outstanding.isEmpty() && finishedOutOfOrder.remove(outstanding.peekFirst())) {
            position = outstanding.removeFirst() + 1;
        }
    }

    /** The offset to commit (the first unfinished one), when it moved since the last {@link #committed}. */
    synchronized OptionalLong positionToCommit() {
        return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
    }

    synchronized void committed(long committedPosition) {
        committed = Math.max(committed, committedPosition);
    }

    /** Records handed out and not yet behind the commit point (finished ones waiting on an earlier one included). */
    synchronized int inFlight() {
        return outstanding.size();
    }
}
