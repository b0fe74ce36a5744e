package dev.p21bridge.transformer.mapping.suggest;

/** The sample cannot be drafted from: not JSON, not an order object, or no lines in it. The message says which. */
public final class UnsuitablePayloadException extends RuntimeException {

    public UnsuitablePayloadException(String message) {
        super(message);
    }
}
