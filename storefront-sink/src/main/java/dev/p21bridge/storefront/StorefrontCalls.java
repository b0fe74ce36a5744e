package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.BackoffRetry;
import java.time.Duration;

/**
 * How every flow of the storefront-sink calls a storefront: which failures are refusals ({@link StorefrontErrorPolicy}),
 * whose circuit is open ({@link StorefrontCircuits}), and how often a transient failure is tried again in place,
 * quickly, before the record moves to a retry topic.
 */
public record StorefrontCalls(StorefrontErrorPolicy policy, StorefrontCircuits circuits, int triesInPlace) {

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

    /** The gap after failed try number {@code attempt}, for a try that is scheduled rather than waited for. */
    public static Duration inPlaceDelay(int attempt) {
        return IN_PLACE.delay(attempt);
    }
}
