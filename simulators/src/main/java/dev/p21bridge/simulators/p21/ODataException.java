package dev.p21bridge.simulators.p21;

/** An OData request the service refuses; rendered as {@code {"error":{"code":"<status>","message":...}}}. */
final class ODataException extends RuntimeException {

    private final int status;

    ODataException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ODataException badFilter(String detail) {
        return new ODataException(400, "Invalid filter expression: " + detail);
    }

    int status() {
        return status;
    }
}
