package dev.p21bridge.schemas.serde;

/**
 * A schema registry refused a request or could not be reached.
 *
 * <p>{@link #errorCode()} is Confluent's {@code error_code} (40401 subject not found, 40403 schema not found,
 * 409 incompatible, 42201 invalid schema, 5xxxx registry failure), or {@link #UNREACHABLE} when no answer came.
 * An unreachable registry is not a bad record: callers should retry rather than dead-letter.
 */
public final class SchemaRegistryException extends RuntimeException {

    /** The error code used when the registry gave no answer (connection refused, timeout). */
    public static final int UNREACHABLE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errorCode = UNREACHABLE;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code}, or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the schema breaks the subject's compatibility level (HTTP 409). */
    public boolean isIncompatible() {
        return httpStatus == 409;
    }

    /** True when the subject, version or schema id does not exist (HTTP 404). */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** True when retrying later may succeed: no answer, or a 5xx from the registry. */
    public boolean isRetriable() {
        return errorCode == UNREACHABLE || httpStatus >= 500;
    }
}
