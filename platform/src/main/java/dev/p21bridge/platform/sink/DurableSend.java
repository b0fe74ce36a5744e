package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.BackoffRetry;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the producer's acknowledgement of a record's outcome (a confirmation, a dead letter, a move to a retry
 * topic) before the record's offset may be committed. A Kafka outage holds the record back rather than losing its
 * outcome: a retriable failure ({@link KafkaErrorPolicy}) is sent again with {@link BackoffRetry#standard()} gaps
 * until it is acknowledged or the partition is taken away. A failure that comes back on every send (record too
 * large, serialization, authorization) ends the wait at once as {@link Sent.Kind#UNWRITABLE}: before, such a record
 * was sent again for ever and its partition never moved on. {@link DeadLetters#settle} is what sinks call.
 */
public final class DurableSend {

    private static final Logger log = LoggerFactory.getLogger(DurableSend.class);

    /** How the wait ended; {@code cause} is the failure of an {@link Kind#UNWRITABLE} write. */
    public record Sent(Kind kind, Throwable cause) {

        public enum Kind { ACKNOWLEDGED, REVOKED, UNWRITABLE }

        static final Sent ACKNOWLEDGED = new Sent(Kind.ACKNOWLEDGED, null);
        static final Sent REVOKED = new Sent(Kind.REVOKED, null);

        public boolean acknowledged() {
            return kind == Kind.ACKNOWLEDGED;
        }
    }

    private DurableSend() {
    }

    /**
     * Acknowledged once Kafka acknowledged; revoked when the lease was revoked (or the thread interrupted) first, so
     * the partition's next owner redoes the record; unwritable when the write can never succeed.
     *
     * @param what names the record in log lines, e.g. "confirmation of xcart:1"
     */
    public static Sent await(PartitionLease lease, String what, Supplier<? extends Future<?>> send) {
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().get();
                return Sent.ACKNOWLEDGED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Sent.REVOKED;
            } catch (Exception e) {
                switch (KafkaErrorPolicy.classify(e)) {
                    case INTERRUPTED -> {
                        return Sent.REVOKED;
                    }
                    case NEVER_SUCCEEDS -> {
                        Throwable cause = KafkaErrorPolicy.unwrap(e);
                        log.error("writing the {} can never succeed: {}", what, cause.toString());
                        return new Sent(Sent.Kind.UNWRITABLE, cause);
                    }
                    case RETRIABLE -> log.warn("writing the {} failed (attempt {}): {}", what, attempt,
                            KafkaErrorPolicy.unwrap(e).toString());
                }
            }
            if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                return Sent.REVOKED;
            }
        }
    }
}
