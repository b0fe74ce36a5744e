package dev.p21bridge.simulators.p21;

/** A refused control-API ({@code /sim}) request; rendered as {@code {"error": message}} with the given status. */
final class P21ControlException extends RuntimeException {

    private final int status;

    P21ControlException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static P21ControlException badRequest(String message) {
        return new P21ControlException(400, message);
    }

    /** 409: the request is well formed but the record is in the wrong state for it (held, invoiced, received). */
    static P21ControlException conflict(String message) {
        return new P21ControlException(409, message);
    }

    static P21ControlException notFound(String message) {
        return new P21ControlException(404, message);
    }

    int status() {
        return status;
    }
}
