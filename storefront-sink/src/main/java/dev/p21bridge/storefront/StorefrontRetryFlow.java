package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.ParkedKeys;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryRouter.Routed;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.storefront.Delivery.Attempt;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record whose order per key matters, a shipment ({@code canonical.shipments}) or a customer
 * change ({@code canonical.customers}), read from its topic or from {@code retry.storefront-sink.<n>}, around its
 * delivery attempt (as the p21-sink's {@code OrderRetryFlow} does for orders):
 *
 * <ol>
 *   <li>Order first: while an earlier record of the same order key waits in retry ({@link ParkedKeys}), the record
 *       is not sent but queued behind it ({@link RetryRouter#behind}), so a later record of the key never overtakes it.</li>
 *   <li>Otherwise the {@link Delivery} makes one delivery attempt.</li>
 *   <li>A transient failure moves the record to the next retry level, after the last to a {@code retries-exhausted}
 *       dead letter in {@code dlq.storefront-sink} naming the source topic. At a retry level, a failure
 *       while the storefront's circuit is not closed, or after it asked to wait (429 Retry-After), is the
 *       storefront's fault, not the record's: the record is held where it is without spending an attempt. A record
 *       of the source topic always moves on, so new records wait in level 1 while a storefront is down.</li>
 * </ol>
 *
 * The record's offset is finished once its outcome (or its move) is durable; the parked keys of its origin partition
 * learn every move.
 */
final class StorefrontRetryFlow implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(StorefrontRetryFlow.class);

    private final Delivery processor;
    private final RetryRouter router;
    private final RetryConfig config;
    private final ParkedRecords parked;
    private final StorefrontCircuits circuits;
    private final DeadLetters deadLetters;
    private final MeterRegistry metrics;
    private final Clock clock;

    StorefrontRetryFlow(Delivery processor, RetryRouter router, RetryConfig config, ParkedRecords parked,
                      StorefrontCircuits circuits, DeadLetters deadLetters, MeterRegistry metrics, Clock clock) {
        this.processor = processor;
        this.router = router;
        this.config = config;
        this.parked = parked;
        this.circuits = circuits;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        handleRetry(record, lease);
    }

    @Override
    public RetryStep handleRetry(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        RetryStep step = step(record, lease);
        if (step.isDone()) {
            lease.offsets().completed(record.offset());
        }
        return step;
    }

    @Override
    public Set<Storefront> targets(ConsumerRecord<String, byte[]> record) {
        return processor.targets(record);
    }

    private RetryStep step(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        int level = router.levelOf(record.topic());
        RetryState state = router.stateOf(record);
        ParkedKeys keys = parked.of(state.origin().partition());
        String key = record.key();
        long origin = state.origin().offset();
        OptionalInt earlier = key == null ? OptionalInt.empty() : keys.highestLevelBefore(key, origin);
        if (earlier.isPresent()) {
            return queueBehind(record, lease, keys, level, earlier.getAsInt());
        }
        Attempt attempt = processor.attempt(record, lease);
        if (attempt instanceof Attempt.Revoked) {
            return RetryStep.REVOKED;
        }
        if (attempt instanceof Attempt.Done) {
            release(keys, key, origin);
            return RetryStep.DONE;
        }
        Attempt.Failed failed = (Attempt.Failed) attempt;
        if (level > 0 && (!circuits.isClosed(failed.storefront()) || !failed.retryAfter().isZero())) {
            metrics.counter("storefront.retry.held", "level", Integer.toString(level)).increment();
            return RetryStep.heldUntil(clock.instant().plus(failed.retryAfter()));
        }
        Routed routed = router.afterFailure(record, failed.reason(), failed.retryAfter());
        String where = routed.deadLettered() ? "retries-exhausted dead letter" : "retry level " + routed.level();
        if (!DeadLetters.awaitDurable(lease, where + " of " + key, routed::sent)) {
            return RetryStep.REVOKED;
        }
        if (routed.deadLettered()) {
            log.warn("{} of {} gave up after {} attempts: {}", processor.what(), key, routed.state().attempt() + 1,
                    failed.reason());
            deadLetters.counted(ErrorClass.RETRIES_EXHAUSTED);
            release(keys, key, origin);
        } else {
            metrics.counter("storefront.retry.routed", "level", Integer.toString(routed.level())).increment();
            park(keys, key, routed.state(), routed.level());
        }
        return RetryStep.DONE;
    }

    /**
     * Queues the record at the highest level where an earlier record of its key waits: due at once behind it when
     * that level is above the record's own, else after that level's delay, to look again.
     */
    private RetryStep queueBehind(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys keys,
                                  int level, int earlierLevel) {
        int to = Math.max(level, earlierLevel);
        Duration wait = to == level ? config.delay(to) : Duration.ZERO;
        Routed routed = router.behind(record, to, wait);
        if (!DeadLetters.awaitDurable(lease, "retry level " + to + " of " + record.key(), routed::sent)) {
            return RetryStep.REVOKED;
        }
        log.info("{} of {} queued behind an earlier record of its key at retry level {}", processor.what(), record.key(),
                to);
        metrics.counter("storefront.retry.parked", "level", Integer.toString(to)).increment();
        park(keys, record.key(), routed.state(), to);
        return RetryStep.DONE;
    }

    private static void park(ParkedKeys keys, String key, RetryState state, int level) {
        if (key != null) {
            keys.park(key, state.origin().offset(), level);
        }
    }

    private static void release(ParkedKeys keys, String key, long origin) {
        if (key != null) {
            keys.release(key, origin);
        }
    }
}
