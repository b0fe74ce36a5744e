package dev.p21bridge.p21;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.p21.OrderRecordProcessor.Result;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.ParkedKeys;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryRouter.Routed;
import dev.p21bridge.platform.retry.RetryState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record of {@code canonical.orders} or {@code retry.p21-sink.<n>} around its delivery attempt.
 *
 * <ol>
 *   <li>Order first: while an earlier record of the same order key waits in retry, the record is not written to P21
 *       but queued behind it ({@link RetryRouter#behind}), so an update never overtakes its create.</li>
 *   <li>Otherwise {@link OrderRecordProcessor} makes one delivery attempt.</li>
 *   <li>A transient failure moves the record to the next retry level (after the last, a {@code retries-exhausted}
 *       dead letter), unless it happened at a retry level while P21 is seen as down (circuit not closed) or P21 asked
 *       to wait (Retry-After): then it is the target's fault, not the record's, and the record is held where it is
 *       without spending an attempt. A record of {@code canonical.orders} always moves on, so new orders wait in
 *       {@code retry.p21-sink.1} while P21 is down.</li>
 * </ol>
 *
 * The {@link ParkedKeys} of the record's partition learn every move once Kafka acknowledged it.
 */
final class OrderRetryFlow {

    private static final Logger log = LoggerFactory.getLogger(OrderRetryFlow.class);

    /** What became of the record: {@code done} (its offset may be committed), held until {@code dueAgain}, or revoked. */
    record Step(Kind kind, Instant dueAgain) {

        enum Kind { DONE, HELD, REVOKED }

        static final Step DONE = new Step(Kind.DONE, null);
        static final Step REVOKED = new Step(Kind.REVOKED, null);
    }

    private final OrderRecordProcessor processor;
    private final RetryRouter router;
    private final RetryConfig config;
    private final CircuitBreaker breaker;
    private final MeterRegistry metrics;
    private final Clock clock;

    OrderRetryFlow(OrderRecordProcessor processor, RetryRouter router, RetryConfig config, CircuitBreaker breaker,
                   MeterRegistry metrics, Clock clock) {
        this.processor = processor;
        this.router = router;
        this.config = config;
        this.breaker = breaker;
        this.metrics = metrics;
        this.clock = clock;
    }

    Step handle(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys parked) {
        int level = router.levelOf(record.topic());
        long origin = router.stateOf(record).origin().offset();
        String key = record.key();
        OptionalInt earlier = key == null ? OptionalInt.empty() : parked.highestLevelBefore(key, origin);
        if (earlier.isPresent()) {
            return queueBehind(record, lease, parked, level, earlier.getAsInt());
        }
        Result result = processor.process(record, lease);
        if (result instanceof Result.Revoked) {
            return Step.REVOKED;
        }
        if (result instanceof Result.Done) {
            release(parked, key, origin);
            return Step.DONE;
        }
        Result.Failed failed = (Result.Failed) result;
        if (level > 0 && (breaker.state() != CircuitBreaker.State.CLOSED || !failed.retryAfter().isZero())) {
            metrics.counter("p21.retry.held", "level", Integer.toString(level)).increment();
            return new Step(Step.Kind.HELD, clock.instant().plus(failed.retryAfter()));
        }
        Routed routed = router.afterFailure(record, failed.reason(), failed.retryAfter());
        if (!OrderRecordProcessor.awaitDurable(lease, where(routed) + " of " + key, routed::sent)) {
            return Step.REVOKED;
        }
        if (routed.deadLettered()) {
            log.warn("order {} gave up after {} attempts: {}", key, routed.state().attempt() + 1, failed.reason());
            metrics.counter("p21.dead.letters", "class", ErrorClass.RETRIES_EXHAUSTED.label()).increment();
            release(parked, key, origin);
        } else {
            metrics.counter("p21.retry.routed", "level", Integer.toString(routed.level())).increment();
            park(parked, key, routed.state(), routed.level());
        }
        return Step.DONE;
    }

    /**
     * Queues the record at the highest level where an earlier record of its key waits. Usually that is above the
     * record's own level and the record is due at once behind it; if it is the same level (the earlier record
     * arrived there after this one), the record waits that level's delay and looks again.
     */
    private Step queueBehind(ConsumerRecord<String, byte[]> record, PartitionLease lease, ParkedKeys parked, int level,
                             int earlierLevel) {
        int to = Math.max(level, earlierLevel);
        Duration wait = to == level ? config.delay(to) : Duration.ZERO;
        Routed routed = router.behind(record, to, wait);
        if (!OrderRecordProcessor.awaitDurable(lease, "retry level " + to + " of " + record.key(), routed::sent)) {
            return Step.REVOKED;
        }
        log.info("order {} queued behind an earlier record of its key at retry level {}", record.key(), to);
        metrics.counter("p21.retry.parked", "level", Integer.toString(to)).increment();
        park(parked, record.key(), routed.state(), to);
        return Step.DONE;
    }

    private static void park(ParkedKeys parked, String key, RetryState state, int level) {
        if (key != null) {
            parked.park(key, state.origin().offset(), level);
        }
    }

    private static void release(ParkedKeys parked, String key, long origin) {
        if (key != null) {
            parked.release(key, origin);
        }
    }

    private static String where(Routed routed) {
        return routed.deadLettered() ? "retries-exhausted dead letter" : "retry level " + routed.level();
    }
}
