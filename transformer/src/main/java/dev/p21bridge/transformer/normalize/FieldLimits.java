package dev.p21bridge.transformer.normalize;

/**
 * How large the parts of a payload may be, checked where they are read ({@link JsonFields}), so every canonical
 * record and every dead-letter message is bounded however large the body was. A field over its limit is refused as
 * {@code validation}, never cut: a truncated name or address on a P21 order is worse than an order an operator looks
 * at. The limits are documented in {@code docs/limits-transformer.md}.
 *
 * <p>With these, the largest possible canonical order (500 lines of 3-byte characters at every limit) is about
 * 700 KB, under the 1 MiB that the canonical topics accept.
 */
public final class FieldLimits {

    /** Names, companies, address lines, cities, phones, methods, descriptions, codes: any text without its own limit. */
    public static final int TEXT = 255;
    /** Order notes. */
    public static final int NOTE = 4_000;
    /** Order, customer, line, item and document ids, and SKUs. */
    public static final int ID = 64;
    /** An e-mail address (RFC 5321's limit on a path). */
    public static final int EMAIL = 254;
    /** A number written as text ({@code "24.95"}); longer is no amount. */
    public static final int NUMBER_TEXT = 64;
    /** Elements of any array: order lines, surcharges, transactions, addresses, pick ticket details. */
    public static final int ARRAY_ELEMENTS = 500;
    /** The {@code event-id}, {@code event-type} and {@code source} headers. */
    public static final int HEADER = 200;

    private FieldLimits() {
    }
}
