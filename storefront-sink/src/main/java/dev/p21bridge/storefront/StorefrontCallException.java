package dev.p21bridge.storefront;

import java.time.Duration;
import java.util.Optional;

/**
 * A storefront call that gave no usable answer: no HTTP answer at all ({@link #status()} 0), a status other than
 * 2xx, or Clarity's {@code ActionSucceeded=false}. {@link #detail()} is the storefront's own message, so an operator
 * reads its words in the dead letter. Whether to try again is for {@link StorefrontErrorPolicy} to decide.
 */
public final class StorefrontCallException extends RuntimeException {

    private final Storefront storefront;
    private final int status;
    private final String detail;
    private final Duration retryAfter;

    public StorefrontCallException(Storefront storefront, int status, String detail, Duration retryAfter) {
        super(storefront.displayName() + " answered " + status + ": " + detail);
        this.storefront = storefront;
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public StorefrontCallException(Storefront storefront, String detail, Throwable cause) {
        super(storefront.displayName() + " did not answer: " + detail, cause);
        this.storefront = storefront;
        this.status = 0;
        this.detail = detail;
        this.retryAfter = null;
    }

    public Storefront storefront() {
        return storefront;
    }

    /** The HTTP status, or 0 when the call failed before an answer arrived (connect error, timeout, reset). */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The storefront's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
