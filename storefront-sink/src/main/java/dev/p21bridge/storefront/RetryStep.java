package dev.p21bridge.storefront;

import java.time.Instant;

/**
 * What became of a record handed out from a retry partition, for the {@code RetryScheduler} that hands out one record
 * of a partition at a time: {@code DONE}, the next record of the partition may go (the record's own offset is
 * finished by its handler, now or later); {@code HELD}, it stays the head and is due again at {@code dueAgain}
 * (its storefront is down or asked to wait; no attempt is spent); {@code REVOKED}, the partition was taken away.
 */
record RetryStep(Kind kind, Instant dueAgain) {

    enum Kind { DONE, HELD, REVOKED }

    static final RetryStep DONE = new RetryStep(Kind.DONE, null);
    static final RetryStep REVOKED = new RetryStep(Kind.REVOKED, null);

    static RetryStep heldUntil(Instant dueAgain) {
        return new RetryStep(Kind.HELD, dueAgain);
    }

    boolean isDone() {
        return kind == Kind.DONE;
    }
}
