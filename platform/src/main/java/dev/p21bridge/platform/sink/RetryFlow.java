package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.ParkedKeys;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryRouter.Routed;
import dev.p21bridge.platform.retry.RetryState;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import java.time.Duration;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record whose order per key matters (an order, a shipment, a customer change), read from its
 * source topic or from {@code retry.<service>.<n>}, around its delivery attempt:
 *
 * <ol>
 *   <li>Order first: while an earlier record of the same key waits in retry ({@link ParkedKeys}), the record is not
 *       delivered but queued behind it ({@link RetryRouter#behind}), so a later record of the key never overtakes
 *       it (an update never overtakes its create).</li>
 *   <li>Otherwise the {@link Delivery} makes one delivery attempt.</li>
 *   <li>A transient failure moves the record to the next retry level, after the last to a {@code retries-exhausted}
 *       dead letter naming the source topic. At a retry level, a failure while the target's circuit is not closed,
 *       or after it asked to wait (Retry-After), is the target's fault, not the record's: the record is held where
 *       it is without spending an attempt. A record of the source topic always moves on, so new records wait in
 *       level 1 while a target is down.</li>
 * </ol>
 *
 * A throwable out of the delivery (a bug, a {@link StackOverflowError}) ends as an {@code internal} dead letter.
 * The record's offset is finished once its outcome (or its move) is durable; the parked keys of its origin partition
 * learn every move. Metrics: {@code <prefix>.retry.held|routed|parked{level}}.
 */
public final class RetryFlow implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(RetryFlow.class);

    private final Delivery delivery;
    private final ParkedRecords parked;
    private final SinkContext context;
    private final RetryRouter router;

    /** @param parked the parked keys of the delivery's source topic ({@link SinkContext#parked}) */
    public RetryFlow(Delivery delivery, ParkedRecords parked, SinkContext context) {
        this.delivery = delivery;
        this.parked = parked;
        this.context = context;
        this.router = context.router();
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
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return delivery.permitsCalls(record);
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
        Attempt attempt;
        try {
            attempt = delivery.attempt(record, lease);
        } catch (RuntimeException | Error e) {
            return contain(record, lease, keys, e);
        }
        if (attempt instanceof Attempt.Revoked) {
            return RetryStep.REVOKED;
        }
        if (attempt instanceof Attempt.Done) {
            release(keys, key, origin);
            return RetryStep.DONE;
        }
        Attempt.Failed failed = (Attempt.Failed) attempt;
        if (level > 0 && (failed.circuit().state() != CircuitBreaker.State.CLOSED
                || !failed.retryAfter().isZero())) {
            context.metrics().counter(context.metric("retry.held"), "level", Integer.toString(level)).increment();
            return RetryStep.heldUntil(context.clock().instant().plus(failed.retryAfter()));
        }
        return moveOn(record, lease, keys, failed);
    }

    /**
     * A throwable out of the delivery is the sink's fault, not the target's: an {@code internal} dead letter, its
     * key released, so neither the partition nor the later records of the key wait for a restart. An {@link Error}
     * too: a {@link StackOverflowError} on one record must not stop the others.
     */
    private RetryStep contain(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys keys,
                              Throwable fault) {
        log.error("{} {} at {}-{}@{} failed inside the sink", delivery.what(), record.key(), record.topic(),
                record.partition(), record.offset(), fault);
        if (!context.deadLetters().publish(record, lease, ErrorClass.INTERNAL,
                InternalFault.message(context.service(), delivery.what(), fault), 1)) {
            return RetryStep.REVOKED;
        }
        release(keys, record.key(), router.stateOf(record).origin().offset());
        return RetryStep.DONE;
    }

    /** To the next retry level, or after the last to a {@code retries-exhausted} dead letter. */
    private RetryStep moveOn(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys keys,
                             Attempt.Failed failed) {
        String key = record.key();
        Routed routed = router.afterFailure(record, failed.reason(), failed.retryAfter());
        String where = routed.deadLettered() ? "retries-exhausted dead letter" : "retry level " + routed.level();
        DeadLetters.Settled settled = context.deadLetters().settle(record, lease, where + " of " + key, routed::sent);
        if (settled != DeadLetters.Settled.WRITTEN) {
            return unwritten(keys, record, settled);
        }
        if (routed.deadLettered()) {
            log.warn("{} of {} gave up after {} attempts: {}", delivery.what(), key, routed.state().attempt() + 1,
                    failed.reason());
            context.deadLetters().counted(ErrorClass.RETRIES_EXHAUSTED);
            release(keys, key, routed.state().origin().offset());
        } else {
            context.metrics().counter(context.metric("retry.routed"), "level", Integer.toString(routed.level()))
                    .increment();
            park(keys, key, routed.state(), routed.level());
        }
        return RetryStep.DONE;
    }

    /**
     * Queues the record at the highest level where an earlier record of its key waits: due at once behind it when
     * that level is above the record's own, else after that level's delay, to look again (the earlier record arrived
     * there after this one).
     */
    private RetryStep queueBehind(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys keys,
                                  int level, int earlierLevel) {
        int to = Math.max(level, earlierLevel);
        Duration wait = to == level ? context.retry().delay(to) : Duration.ZERO;
        Routed routed = router.behind(record, to, wait);
        DeadLetters.Settled settled = context.deadLetters().settle(record, lease,
                "retry level " + to + " of " + record.key(), routed::sent);
        if (settled != DeadLetters.Settled.WRITTEN) {
            return unwritten(keys, record, settled);
        }
        log.info("{} of {} queued behind an earlier record of its key at retry level {}", delivery.what(),
                record.key(), to);
        context.metrics().counter(context.metric("retry.parked"), "level", Integer.toString(to)).increment();
        park(keys, record.key(), routed.state(), to);
        return RetryStep.DONE;
    }

    /** A move that could never be written was dead-lettered instead: the record is done, its key waits no more. */
    private RetryStep unwritten(ParkedKeys keys, ConsumerRecord<String, byte[]> record, DeadLetters.Settled settled) {
        if (settled == DeadLetters.Settled.REVOKED) {
            return RetryStep.REVOKED;
        }
        release(keys, record.key(), router.stateOf(record).origin().offset());
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
