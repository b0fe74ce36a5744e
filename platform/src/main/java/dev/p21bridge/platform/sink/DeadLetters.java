package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.sink.DurableSend.Sent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record the sink gives up on to its {@code dlq.<service>} (key, value and headers intact plus the
 * contract's {@code dlq.*} headers) and waits until Kafka acknowledged it ({@link DurableSend}). A record read from a
 * retry topic is dead-lettered as read from its origin ({@code dlq.original.*} name e.g. {@code canonical.orders},
 * so a replay writes it back there), its retry headers left off, its attempts counting those made before. Counted as
 * {@code <prefix>.dead.letters{class}}.
 *
 * <p>An outcome that can never be written (a dead letter, confirmation or retry move too large, a value the
 * serializer refuses) is replaced by a small {@code internal} dead letter without value or headers, pointing at the
 * source record and saying what could not be written and why. When even that cannot be written, it is logged and
 * the record counts as finished: an endless retry would hold the partition for ever.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** How much of the producer's error a small dead letter quotes. */
    private static final int CAUSE_CHARS = 200;

    /** How making a record's outcome durable ended. */
    public enum Settled {
        /** The outcome is acknowledged. */
        WRITTEN,
        /** The outcome can never be written; a small dead letter stands for it (or, failing that, a log line). */
        DEAD_LETTERED,
        /** The lease was revoked first; the partition's next owner redoes the record. */
        REVOKED;

        /** Whether the record's offset may be finished. */
        public boolean isDurable() {
            return this != REVOKED;
        }
    }

    private final RetryRouter router;
    private final MeterRegistry metrics;
    private final String counter;
    private final String service;

    DeadLetters(RetryRouter router, MeterRegistry metrics, String metricPrefix) {
        this.router = router;
        this.metrics = metrics;
        this.counter = metricPrefix + ".dead.letters";
        this.service = router.service();
    }

    /**
     * True when the dead letter is durable (or could never be written, see above); false when the lease was revoked
     * first (the next owner redoes it).
     *
     * @param attempts delivery attempts made in this delivery; those of earlier retry levels are added
     */
    public boolean publish(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                           String message, int attempts) {
        log.warn("dead letter ({}) for {}-{}@{}: {}", errorClass.label(), record.topic(), record.partition(),
                record.offset(), message);
        int total = router.stateOf(record).attempt() + attempts;
        String what = errorClass.label() + " dead letter";
        Sent sent = DurableSend.await(lease, what + " of " + where(record),
                () -> router.deadLetter(record, errorClass, message, total));
        return switch (sent.kind()) {
            case ACKNOWLEDGED -> {
                counted(errorClass);
                yield true;
            }
            case REVOKED -> false;
            case UNWRITABLE -> replaced(record, lease, what, sent.cause()).isDurable();
        };
    }

    /**
     * Waits for the record's outcome (a confirmation, a move to a retry topic) to be acknowledged; an outcome that
     * can never be written is replaced by a small {@code internal} dead letter of the record.
     *
     * @param what names the outcome, e.g. "confirmation of xcart:1"
     */
    public Settled settle(ConsumerRecord<String, byte[]> record, PartitionLease lease, String what,
                          Supplier<? extends Future<?>> send) {
        Sent sent = DurableSend.await(lease, what, send);
        return switch (sent.kind()) {
            case ACKNOWLEDGED -> Settled.WRITTEN;
            case REVOKED -> Settled.REVOKED;
            case UNWRITABLE -> replaced(record, lease, what, sent.cause());
        };
    }

    /** Counts a dead letter written elsewhere (the {@link RetryRouter}'s {@code retries-exhausted}). */
    public void counted(ErrorClass errorClass) {
        metrics.counter(counter, "class", errorClass.label()).increment();
    }

    private Settled replaced(ConsumerRecord<String, byte[]> record, PartitionLease lease, String what,
                             Throwable cause) {
        String source = where(router.stateOf(record).origin().topic(), router.stateOf(record).origin().partition(),
                router.stateOf(record).origin().offset());
        String message = "the " + service + " could not write the " + what + " and never will: " + quoted(cause)
                + ". This dead letter carries no value; the record is " + source
                + ", there until the topic's retention ends.";
        Sent sent = DurableSend.await(lease, "small internal dead letter of " + source,
                () -> router.smallDeadLetter(record, ErrorClass.INTERNAL, message, 1));
        switch (sent.kind()) {
            case ACKNOWLEDGED -> {
                counted(ErrorClass.INTERNAL);
                return Settled.DEAD_LETTERED;
            }
            case REVOKED -> {
                return Settled.REVOKED;
            }
            default -> {
                if (lease.isRevoked()) {
                    return Settled.REVOKED;
                }
                log.error("LOST OUTCOME: {}; even the small dead letter could not be written ({}). The record is "
                        + "finished so that its partition goes on.", message, sent.cause().toString());
                metrics.counter(counter + ".unwritable").increment();
                return Settled.DEAD_LETTERED;
            }
        }
    }

    private static String quoted(Throwable cause) {
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() <= CAUSE_CHARS ? text : text.substring(0, CAUSE_CHARS) + "...";
    }

    private static String where(ConsumerRecord<String, byte[]> record) {
        return where(record.topic(), record.partition(), record.offset());
    }

    private static String where(String topic, int partition, long offset) {
        return topic + " partition " + partition + " offset " + offset;
    }
}
