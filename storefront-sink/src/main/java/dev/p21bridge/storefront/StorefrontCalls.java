package dev.p21bridge.storefront;

import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.SinkContext;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.BackoffRetry;
import java.time.Duration;

/**
 * How every flow of the storefront-sink calls a storefront: which failures are refusals ({@link StorefrontErrorPolicy}),
 * whose circuit is open ({@link StorefrontCircuits}), and how often a transient failure is tried again in place,
 * quickly, before the record moves to a retry topic.
 */
public record StorefrontCalls(StorefrontErrorPolicy policy, StorefrontCircuits circuits, int triesInPlace) {

    private static final Logger log = LoggerFactory.getLogger(StorefrontCalls.class);
    private static final BackoffRetry IN_PLACE = BackoffRetry.inPlace();

    /** True when trying again will not help: the storefront refused. */
    public boolean refused(StorefrontCallException e) {
        return policy.classify(e) == StorefrontErrorPolicy.Verdict.REJECTED;
    }

    /** What the storefront asked to wait; zero when it said nothing. */
    public Duration retryAfter(StorefrontCallException e) {
        return policy.retryDelay(e, Duration.ZERO);
    }

    /** Whether failed try number {@code attempt} is tried again in place: tries left, circuit closed, no wait asked. */
    public boolean tryAgainInPlace(int attempt, Duration retryAfter, Storefront storefront) {
        return attempt < triesInPlace && retryAfter.isZero() && circuits.isClosed(storefront);
    }

    /** The gap after failed try number {@code attempt}; false when the lease was revoked meanwhile. */
    public boolean pauseBeforeNextTry(PartitionLease lease, int attempt) {
        return !lease.awaitRevoked(IN_PLACE.delay(attempt));
    }

    /** One write to one storefront, answering what it did (a metric label); throws what the store's API throws. */
    @FunctionalInterface
    public interface StoreWrite {
        String run();
    }

    /**
     * Runs {@code write} for the record and settles it: done with the write's outcome; a refusal a
     * {@code rejected-by-target} dead letter ("X-Cart refused " + {@code what} + the store's words); a write that
     * must wait for another flow ({@link StoreNotReady}) straight to the retry levels; a value the
     * sink will not send a {@code validation} one; a fault of the sink an {@code internal} one; a transient failure
     * tried again in place as {@link #tryAgainInPlace} allows, then {@link Attempt.Failed} for the retry flow.
     * {@code done} hears the outcome of a write that succeeded.
     */
    public Attempt writeInPlace(ConsumerRecord<String, byte[]> record, PartitionLease lease, SinkContext context,
                                Storefront storefront, String what, StoreWrite write, Consumer<String> done) {
        for (int attempt = 1; ; attempt++) {
            try {
                done.accept(write.run());
                return new Attempt.Done();
            } catch (StorefrontCallException e) {
                if (refused(e)) {
                    return deadLetter(record, lease, context, ErrorClass.REJECTED_BY_TARGET,
                            storefront.displayName() + " refused " + what + ": " + e.detail(), attempt);
                }
                Duration retryAfter = retryAfter(e);
                if (!tryAgainInPlace(attempt, retryAfter, storefront)) {
                    log.warn("{} failed transiently ({} tries): {}", what, attempt, e.getMessage());
                    return new Attempt.Failed(circuits.of(storefront), e.getMessage(), retryAfter);
                }
                if (!pauseBeforeNextTry(lease, attempt)) {
                    return new Attempt.Revoked();
                }
            } catch (StoreNotReady e) {
                log.info("{} waits: {}", what, e.getMessage());
                return new Attempt.Failed(circuits.of(storefront), e.getMessage(), Duration.ZERO);
            } catch (RefusedValue e) {
                return deadLetter(record, lease, context, ErrorClass.VALIDATION, what + " was not sent: "
                        + e.getMessage(), attempt);
            } catch (RuntimeException e) {
                log.error("{} failed inside the sink", what, e);
                return deadLetter(record, lease, context, ErrorClass.INTERNAL,
                        InternalFault.message("storefront-sink", what, e), attempt);
            }
        }
    }

    private static Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease,
                                      SinkContext context, ErrorClass errorClass, String message, int attempts) {
        return context.deadLetters().publish(record, lease, errorClass, message, attempts)
                ? new Attempt.Done() : new Attempt.Revoked();
    }

    /** The gap after failed try number {@code attempt}, for a try that is scheduled rather than waited for. */
    public static Duration inPlaceDelay(int attempt) {
        return IN_PLACE.delay(attempt);
    }
}
