package dev.p21bridge.storefront;

import java.time.Duration;
import java.util.Optional;

/**
 * A storefront call that gave no usable answer: no HTTP answer at all ({@link #status()} 0), a status other than
 * 2xx, or Clarity's {@code ActionSucceeded=false}. {@link #detail()} is the storefront's own message, so an operator
 * reads its words in the dead letter. Whether to try again is for {@link StorefrontErrorPolicy} to decide.
 *
 * <p>Without an answer, {@link #outcome()} says whether the request may have reached the storefront: a timeout after
 * the request was sent leaves the change possibly applied, so the next attempt reads the storefront's state first
 * (every shipment does); a refused connection or an open circuit sent nothing.
 */
public final class StorefrontCallException extends RuntimeException {

    /** Whether the storefront may have acted on the request. */
    public enum Outcome {
        /** The storefront answered; {@link #status()} says how. */
        ANSWERED,
        /** Nothing was sent: the connection failed or the storefront's circuit is open. */
        NOT_SENT,
        /** The request went out and no answer came back (read timeout, reset): the change may have been applied. */
        UNKNOWN
    }

    private final Storefront storefront;
    private final int status;
    private final String detail;
    private final Duration retryAfter;
    private final Outcome outcome;

    public StorefrontCallException(Storefront storefront, int status, String detail, Duration retryAfter) {
        super(storefront.displayName() + " answered " + status + ": " + detail);
        this.storefront = storefront;
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.outcome = Outcome.ANSWERED;
    }

    /** No answer; {@code outcome} is {@link Outcome#NOT_SENT} or {@link Outcome#UNKNOWN}. */
    public StorefrontCallException(Storefront storefront, String detail, Throwable cause, Outcome outcome) {
        super(storefront.displayName() + " did not answer: " + detail, cause);
        this.storefront = storefront;
        this.status = 0;
        this.detail = detail;
        this.retryAfter = null;
        this.outcome = outcome;
    }

    /** The call was not made because the storefront's circuit is open (it seems down). */
    static StorefrontCallException notCalled(Storefront storefront, String kind) {
        return new StorefrontCallException(storefront, kind + " call not made: the circuit is open after repeated "
                + "failures", null, Outcome.NOT_SENT);
    }

    public Storefront storefront() {
        return storefront;
    }

    /** The HTTP status, or 0 when the call failed before an answer arrived (connect error, timeout, reset). */
    public int status() {
        return status;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    /** The storefront's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
