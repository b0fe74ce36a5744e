package dev.p21bridge.p21client;

import java.time.Duration;

/**
 * A P21 call that gave no usable answer: no HTTP answer at all ({@link #status()} 0, the cause says why) or a status
 * other than 2xx. {@link #detail()} is P21's own message when the body had one, so an operator reads P21's words.
 * Whether to try again is for {@link P21ErrorPolicy} to decide, not the thrower. {@link #retryAfter()} is P21's
 * {@code Retry-After} (429, 503), zero when it sent none; {@link #wasSent()} is false when the circuit breaker refused
 * the call, so nothing reached P21 and no outcome is unknown.
 */
public final class P21CallException extends RuntimeException {

    private final int status;
    private final String detail;
    private final Duration retryAfter;
    private final boolean sent;

    public P21CallException(int status, String detail) {
        this(status, detail, Duration.ZERO);
    }

    public P21CallException(int status, String detail, Duration retryAfter) {
        super("P21 answered " + status + ": " + detail);
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.sent = true;
    }

    public P21CallException(String detail, Throwable cause) {
        super("P21 did not answer: " + detail, cause);
        this.status = 0;
        this.detail = detail;
        this.retryAfter = Duration.ZERO;
        this.sent = true;
    }

    private P21CallException(String call) {
        super("P21 not called (" + call + "): its circuit is open after repeated failures");
        this.status = 0;
        this.detail = "circuit open";
        this.retryAfter = Duration.ZERO;
        this.sent = false;
    }

    /** The call was not made: the circuit breaker refused it while P21 seems down. */
    public static P21CallException notCalled(String call) {
        return new P21CallException(call);
    }

    /** The HTTP status, or 0 when the call failed before an answer arrived (connect error, timeout, reset). */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** How long P21 asked to wait ({@code Retry-After}); zero when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** False when the call never left this process (circuit open): nothing can have been written. */
    public boolean wasSent() {
        return sent;
    }
}
