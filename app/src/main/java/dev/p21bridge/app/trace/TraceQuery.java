package dev.p21bridge.app.trace;

import java.util.regex.Pattern;

/**
 * What an operator searches an order by (docs/contract.md, {@code ./bridge trace <order key | e-mail | P21 order no>}),
 * told apart by shape: an e-mail has an {@code @}, an order key is {@code <store>:<order id>}, a P21 order number is
 * digits (and digits are also tried as each store's own order id, {@link OrderTracer}).
 */
public record TraceQuery(Kind kind, String value) {

    public enum Kind { ORDER_KEY, EMAIL, P21_ORDER_NO }

    private static final int MAX_LENGTH = 320;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9_-]+:\\S+");
    private static final Pattern P21_ORDER_NO = Pattern.compile("\\d{1,18}");
    private static final String SHAPES = "an order key such as xcart:10452, a buyer's e-mail, or a P21 order number"
            + " or storefront order id (digits)";

    /** @throws IllegalArgumentException naming the problem, for a 400 or a command-line error */
    public static TraceQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("q is required: " + SHAPES);
        }
        String value = q.strip();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("q is " + value.length() + " characters long; at most " + MAX_LENGTH);
        }
        if (value.indexOf('@') >= 0) {
            if (!EMAIL.matcher(value).matches()) {
                throw new IllegalArgumentException("q has an @ but is not an e-mail address such as dana@example.com");
            }
            return new TraceQuery(Kind.EMAIL, value);
        }
        if (ORDER_KEY.matcher(value).matches()) {
            return new TraceQuery(Kind.ORDER_KEY, value);
        }
        if (P21_ORDER_NO.matcher(value).matches()) {
            return new TraceQuery(Kind.P21_ORDER_NO, value);
        }
        throw new IllegalArgumentException("q '" + value + "' is none of " + SHAPES);
    }

    /** The index key this query looks up first. */
    String indexKey() {
        return switch (kind) {
            case ORDER_KEY -> IndexKeys.order(value);
            case EMAIL -> IndexKeys.email(value);
            case P21_ORDER_NO -> IndexKeys.p21(value);
        };
    }
}
