package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryRouter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record the sink gives up on to its {@code dlq.<service>} (key, value and headers intact plus the
 * contract's {@code dlq.*} headers) and waits until Kafka acknowledged it ({@link DurableSend}). A record read from a
 * retry topic is dead-lettered as read from its origin ({@code dlq.original.*} name e.g. {@code canonical.orders},
 * so a replay writes it back there), its retry headers left off, its attempts counting those made before. Counted as
 * {@code <prefix>.dead.letters{class}}.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final RetryRouter router;
    private final MeterRegistry metrics;
    private final String counter;

    DeadLetters(RetryRouter router, MeterRegistry metrics, String metricPrefix) {
        this.router = router;
        this.metrics = metrics;
        this.counter = metricPrefix + ".dead.letters";
    }

    /**
     * True when the dead letter is durable; false when the lease was revoked first (the next owner redoes it).
     *
     * @param attempts delivery attempts made in this delivery; those of earlier retry levels are added
     */
    public boolean publish(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                           String message, int attempts) {
        log.warn("dead letter ({}) for {}-{}@{}: {}", errorClass.label(), record.topic(), record.partition(),
                record.offset(), message);
        int total = router.stateOf(record).attempt() + attempts;
        if (!DurableSend.await(lease, errorClass.label() + " dead letter of " + record.topic() + "-"
                + record.partition() + "@" + record.offset(), () -> router.deadLetter(record, errorClass, message,
                total))) {
            return false;
        }
        counted(errorClass);
        return true;
    }

    /** Counts a dead letter written elsewhere (the {@link RetryRouter}'s {@code retries-exhausted}). */
    public void counted(ErrorClass errorClass) {
        metrics.counter(counter, "class", errorClass.label()).increment();
    }
}
