package dev.p21bridge.transformer.normalize;

/** A payload was read but breaks a business rule; the message names the field and the value. Becomes a {@code validation} dead letter. */
public final class ValidationException extends RuntimeException {

    public ValidationException(String message) {
        super(message);
    }
}
