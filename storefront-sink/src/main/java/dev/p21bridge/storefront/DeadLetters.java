package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryRouter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record the sink gives up on to {@code dlq.storefront-sink} (key, value and headers intact plus the
 * contract's {@code dlq.*} headers) and waits until Kafka acknowledged it: a Kafka outage holds the record back
 * rather than losing it. A record read from a retry topic is dead-lettered as read from its origin
 * ({@code dlq.original.*} name e.g. {@code canonical.shipments}, so a replay writes it back there), its retry headers
 * left off, its attempts counting those made before. Counted as {@code storefront.dead.letters{class}}.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String SERVICE = "storefront-sink";

    private final RetryRouter router;
    private final MeterRegistry metrics;

    DeadLetters(RetryRouter router, MeterRegistry metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    /**
     * True when the dead letter is durable; false when the lease was revoked first (the next owner redoes it).
     *
     * @param attempts delivery attempts made in this delivery; those of earlier retry levels are added
     */
    boolean publish(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                    String message, int attempts) {
        log.warn("dead letter ({}) for {}-{}@{}: {}", errorClass.label(), record.topic(), record.partition(),
                record.offset(), message);
        int total = router.stateOf(record).attempt() + attempts;
        if (!awaitDurable(lease, errorClass.label() + " dead letter of " + record.topic() + "-" + record.partition()
                + "@" + record.offset(), () -> router.deadLetter(record, errorClass, message, total))) {
            return false;
        }
        counted(errorClass);
        return true;
    }

    /** Counts a dead letter written elsewhere (the {@link RetryRouter}'s {@code retries-exhausted}). */
    void counted(ErrorClass errorClass) {
        metrics.counter("storefront.dead.letters", "class", errorClass.label()).increment();
    }

    /**
     * Sends until Kafka acknowledges; a Kafka outage holds the record back rather than losing its outcome. False when
     * the lease was revoked (or the thread interrupted) first.
     */
    static boolean awaitDurable(PartitionLease lease, String what, Supplier<Future<?>> send) {
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().get();
                return true;
            } catch (ExecutionException | RuntimeException e) {
                log.warn("writing the {} failed (attempt {}): {}", what, attempt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                return false;
            }
        }
    }
}
