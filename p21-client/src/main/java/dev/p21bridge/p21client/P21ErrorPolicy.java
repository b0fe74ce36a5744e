package dev.p21bridge.p21client;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Decides, for every way a P21 call can fail, whether trying again can help (in the manner of Debezium's per-connector
 * {@code ErrorHandler}). Business code asks this object instead of catching and judging failures itself.
 *
 * <ul>
 *   <li>P21's own refusal ({@code Summary.Failed}) and 4xx other than 401/408/429: {@link Verdict#PERMANENT}; sending
 *       the same order again gets the same answer, so it becomes a {@code rejected-by-target} dead letter.</li>
 *   <li>No answer (connect error, timeout, reset), 5xx, 408, 429 and P21's session-pool faults ("Unexpected response
 *       window", "Object reference not set", which hit an innocent request after another one failed):
 *       {@link Verdict#TRANSIENT}.</li>
 *   <li>401: {@link Verdict#RENEW_TOKEN}; the token expired or was revoked early, so fetch a new one and call again at
 *       once.</li>
 * </ul>
 */
public final class P21ErrorPolicy {

    /** What to do after a failed call. */
    public enum Verdict { PERMANENT, TRANSIENT, RENEW_TOKEN }

    private static final List<String> SESSION_POOL_FAULTS = List.of(
            "unexpected response window", "object reference not set");

    public Verdict classify(P21CallException failure) {
        if (failure.status() == 0 || isSessionPoolFault(failure.detail())) {
            return Verdict.TRANSIENT;
        }
        return classifyStatus(failure.status());
    }

    /**
     * What a writer makes of a failed call: {@code rejected} with P21's words when the call can never pass as it is,
     * else {@code transientFailure} with the reason and P21's Retry-After. One place for both writers' outcomes.
     */
    public <T> T outcomeOf(P21CallException failure, Function<String, T> rejected,
                           BiFunction<String, Duration, T> transientFailure) {
        return classify(failure) == Verdict.PERMANENT
                ? rejected.apply("P21 answered " + failure.status() + ": " + failure.detail())
                : transientFailure.apply(failure.getMessage(), failure.retryAfter());
    }

    /**
     * Whether a write that failed this way may still have been carried out: it reached P21 and P21 did not refuse it.
     * The writer must then look for the record before it writes again, or it writes it twice. A 429 is a refusal
     * before any work (a rate limit answers it in front of the application), so it needs no look-up: under a
     * throttling P21 the look-up would be one more call for it to throttle.
     */
    public boolean mayHaveBeenWritten(P21CallException failure) {
        return failure.wasSent() && failure.status() != 429 && classify(failure) != Verdict.PERMANENT;
    }

    /**
     * Whether P21 itself answered this failure, and so is done with the request (a 500, a 503, a 200 without what it
     * should carry): a look-up made right after then shows whether it wrote anything. No answer, or a gateway's 502 or
     * 504, leaves P21 possibly still at work, and a look-up may come too early.
     */
    public boolean answeredFinally(P21CallException failure) {
        return failure.status() >= 200 && failure.status() != 502 && failure.status() != 504;
    }

    public Verdict classifyStatus(int status) {
        if (status == 401) {
            return Verdict.RENEW_TOKEN;
        }
        if (status == 408 || status == 429) {
            return Verdict.TRANSIENT;
        }
        if (status >= 400 && status < 500) {
            return Verdict.PERMANENT;
        }
        return Verdict.TRANSIENT;
    }

    /** A transaction P21 answered with {@code Summary.Failed}: a business refusal unless the session pool is sick. */
    public Verdict classifyRejection(List<String> messages) {
        return messages.stream().anyMatch(P21ErrorPolicy::isSessionPoolFault) ? Verdict.TRANSIENT : Verdict.PERMANENT;
    }

    /**
     * Answers {@code result} when every transaction passed; otherwise throws what its failure means: a
     * {@link P21RejectedException} for a business refusal, a {@link P21CallException} when the session pool failed it.
     */
    public TransactionResult check(TransactionResult result) {
        if (result.passed()) {
            return result;
        }
        if (result.failed() == 0 || classifyRejection(result.messages()) == Verdict.TRANSIENT) {
            throw new P21CallException(200, result.message());
        }
        throw new P21RejectedException(result.message());
    }

    static boolean isSessionPoolFault(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return SESSION_POOL_FAULTS.stream().anyMatch(lower::contains);
    }
}
