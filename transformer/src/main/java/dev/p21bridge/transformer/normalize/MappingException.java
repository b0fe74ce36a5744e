package dev.p21bridge.transformer.normalize;

/** A payload could not be read or translated; the message names the field and the value. Becomes a {@code mapping} dead letter. */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }
}
