package dev.p21bridge.storefront;

import java.time.Duration;

/**
 * Decides, for every way a storefront call can fail, whether trying again can help (in the manner of Debezium's
 * per-connector {@code ErrorHandler}); business code asks this object instead of judging failures itself.
 *
 * <ul>
 *   <li>A refusal: 4xx other than 401/408/429, or Clarity's {@code ActionSucceeded=false} on a 2xx. Sending the same
 *       request again gets the same answer, so it becomes a {@code rejected-by-target} dead letter.</li>
 *   <li>Everything else is transient: no answer (connect error, timeout, reset), 5xx, 408, 429, and 401 (a wrong or
 *       rotated token is an operator's fix; the record waits for it rather than being dead-lettered).</li>
 * </ul>
 * A transient failure waits at least the storefront's {@code Retry-After}, at most {@link #MAX_RETRY_AFTER}.
 */
public final class StorefrontErrorPolicy {

    /** What to do after a failed call. */
    public enum Verdict { REJECTED, TRANSIENT }

    /** A longer Retry-After is cut to this, so one bad header cannot park a record for hours. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    public Verdict classify(StorefrontCallException failure) {
        return classifyStatus(failure.status());
    }

    public Verdict classifyStatus(int status) {
        if (status == 0 || status == 401 || status == 408 || status == 429) {
            return Verdict.TRANSIENT;
        }
        if (status < 500) {
            return Verdict.REJECTED;
        }
        return Verdict.TRANSIENT;
    }

    /**
     * Whether an answer with {@code status} (0: none) counts against the storefront's circuit: no answer, 5xx, 408
     * and 429 say it is down or overloaded; any other answer, a refusal or a 401 included, shows it is up.
     */
    public static boolean isTargetFailure(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The wait before the next attempt: the backoff's, or the storefront's Retry-After when that is longer. */
    public Duration retryDelay(StorefrontCallException failure, Duration backoff) {
        return failure.retryAfter()
                .map(asked -> asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked)
                .filter(asked -> asked.compareTo(backoff) > 0)
                .orElse(backoff);
    }
}
