package dev.p21bridge.platform.sink;

import java.time.Instant;

/**
 * What became of a record handed to its {@link RecordHandler}, for the {@code RetryScheduler} that hands out one
 * record of a retry partition at a time: {@code DONE}, the next record of the partition may go (the record's own
 * offset is finished by its handler, now or later); {@code HELD}, it stays the head and is due again at
 * {@code dueAgain} (its target is down or asked to wait; no attempt is spent); {@code REVOKED}, the partition was
 * taken away.
 */
public record RetryStep(Kind kind, Instant dueAgain) {

    public enum Kind { DONE, HELD, REVOKED }

    public static final RetryStep DONE = new RetryStep(Kind.DONE, null);
    public static final RetryStep REVOKED = new RetryStep(Kind.REVOKED, null);

    public static RetryStep heldUntil(Instant dueAgain) {
        return new RetryStep(Kind.HELD, dueAgain);
    }

    public boolean isDone() {
        return kind == Kind.DONE;
    }
}
