package dev.p21bridge.simulators.p21;

/**
 * A business rule P21 enforces refused a transaction or control request; the message is what P21 (or the control
 * API) says to the caller. Thrown before any state changes.
 */
final class P21Rejection extends RuntimeException {

    P21Rejection(String message) {
        super(message, null, false, false);
    }
}
