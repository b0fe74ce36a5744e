package dev.p21bridge.p21;

/**
 * A P21 call that gave no usable answer: no HTTP answer at all ({@link #status()} 0, the cause says why) or a status
 * other than 2xx. {@link #detail()} is P21's own message when the body had one, so an operator reads P21's words.
 * Whether to try again is for {@link P21ErrorPolicy} to decide, not the thrower.
 */
public final class P21CallException extends RuntimeException {

    private final int status;
    private final String detail;

    public P21CallException(int status, String detail) {
        super("P21 answered " + status + ": " + detail);
        this.status = status;
        this.detail = detail;
    }

    public P21CallException(String detail, Throwable cause) {
        super("P21 did not answer: " + detail, cause);
        this.status = 0;
        this.detail = detail;
    }

    /** The HTTP status, or 0 when the call failed before an answer arrived (connect error, timeout, reset). */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
