package dev.p21bridge.storefront;

/**
 * A value of a record the sink will not put into a storefront call (see {@link PathSegment}): the record becomes a
 * {@code validation} dead letter with this message, which is safe to show (the value is cut, never personal data in
 * clear).
 */
public final class RefusedValue extends RuntimeException {

    public RefusedValue(String message) {
        super(message, null, false, false);
    }
}
