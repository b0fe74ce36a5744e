package dev.p21bridge.p21client;

/**
 * P21 refused a transaction for a business reason (unknown item, missing customer): sending it again gets the same
 * answer. The message is P21's own, for the operator who reads the dead letter.
 */
public final class P21RejectedException extends RuntimeException {

    public P21RejectedException(String p21Message) {
        super(p21Message);
    }
}
