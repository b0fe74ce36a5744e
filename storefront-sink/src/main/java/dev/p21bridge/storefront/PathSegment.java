package dev.p21bridge.storefront;

import dev.p21bridge.platform.logging.PersonalData;

/**
 * A value of a record (order id, SKU, e-mail) as exactly one segment of a storefront URL path. OkHttp's
 * {@code addPathSegment} encodes {@code /}, {@code ?} and {@code #}, but takes a segment {@code .} as "stay" and
 * {@code ..} as "one up": an order id {@code ..} sent the shipment of {@code /api/orders/..} to {@code /api}. Such a
 * value, an empty one, one with control characters and one over {@link #MAX_CHARS} are refused
 * ({@link RefusedValue}), so the record becomes a {@code validation} dead letter instead of a call to another path.
 */
public final class PathSegment {

    /** The longest value put into a path: an e-mail address may have 254 characters (RFC 5321). */
    public static final int MAX_CHARS = 254;
    /** How much of a refused value the message quotes. */
    static final int ECHO_CHARS = 64;

    private PathSegment() {
    }

    /** {@code value} when it is one safe path segment; {@code what} names it in the refusal ("order id"). */
    public static String of(String what, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new RefusedValue(what + " " + echo(value) + " " + problem);
        }
        return value;
    }

    /** As {@link #of}, for a value that is personal data: the refusal masks it. */
    public static String ofEmail(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new RefusedValue("e-mail " + PersonalData.maskEmail(value) + " (" + length(value) + " characters) "
                    + problem);
        }
        return value;
    }

    private static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "is empty; it cannot name a storefront record";
        }
        if (value.equals(".") || value.equals("..")) {
            return "is a relative path step, not an id; it would address another storefront path";
        }
        if (value.length() > MAX_CHARS) {
            return "is longer than " + MAX_CHARS + " characters";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "contains control characters";
        }
        return null;
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }

    /** The value quoted, control characters shown as {@code ?}, cut at {@link #ECHO_CHARS} with its length named. */
    static String echo(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() <= ECHO_CHARS ? value : value.substring(0, ECHO_CHARS);
        StringBuilder quoted = new StringBuilder("'");
        shown.codePoints().forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        quoted.append('\'');
        if (value.length() > ECHO_CHARS) {
            quoted.append("... (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
