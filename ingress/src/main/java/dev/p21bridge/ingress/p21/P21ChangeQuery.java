package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One page of changed rows of a table, in {@code date_last_modified} order and then by key. The first page asks for
 * {@code date_last_modified ge <since>}; each next page starts strictly after the last row read ({@link #after}, a
 * keyset position) rather than using {@code $skip}, because a row changed while the poller pages moves to the end
 * of the order and would shift an unread row into a page already read; with a keyset position nothing shifts.
 *
 * @param after the last row of the previous page, or null for the first page
 */
public record P21ChangeQuery(P21Table table, Instant since, JsonNode after, int top) {

    private static final DateTimeFormatter ISO_INSTANT = DateTimeFormatter.ISO_INSTANT;

    public static P21ChangeQuery first(P21Table table, Instant since, int top) {
        return new P21ChangeQuery(table, since, null, top);
    }

    /** The page after {@code lastRow}, which must carry the date and key columns. */
    public P21ChangeQuery next(JsonNode lastRow) {
        return new P21ChangeQuery(table, since, lastRow, top);
    }

    public String filter() {
        String date = P21Table.DATE_LAST_MODIFIED;
        if (after == null) {
            // whole milliseconds: every OData server reads them, and rounding down only widens the window
            return date + " ge " + instantLiteral(since.truncatedTo(ChronoUnit.MILLIS));
        }
        String at = instantLiteral(P21Table.modified(after));
        return date + " gt " + at + " or (" + date + " eq " + at + " and " + keyAfter(0) + ")";
    }

    public String orderBy() {
        StringJoiner order = new StringJoiner(",");
        order.add(P21Table.DATE_LAST_MODIFIED + " asc");
        table.keyColumns().forEach(column -> order.add(column + " asc"));
        return order.toString();
    }

    /**
     * {@code $filter}, {@code $orderby} and {@code $top}, in that order, as the OData client sends them, and
     * {@code $select} for a table that reads only some columns.
     */
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("$filter", filter());
        options.put("$orderby", orderBy());
        options.put("$top", Integer.toString(top));
        if (table.select() != null) {
            options.put("$select", table.select());
        }
        return options;
    }

    /**
     * An OData date-time literal for an instant, always with at least milliseconds ({@code 2026-11-22T17:03:11.123Z})
     * and with more digits when the instant has them, so a position read from a row compares equal to that row.
     */
    static String instantLiteral(Instant instant) {
        String text = ISO_INSTANT.format(instant);
        return text.indexOf('.') < 0 ? text.substring(0, text.length() - 1) + ".000Z" : text;
    }

    /** An OData literal for a JSON value: numbers bare, text single-quoted with {@code ''} for a quote. */
    static String literal(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        return "'" + value.asText().replace("'", "''") + "'";
    }

    /** {@code k0 gt v0 or (k0 eq v0 and (k1 gt v1 or ...))}: the rows whose key sorts after the last row's. */
    private String keyAfter(int index) {
        List<String> keys = table.keyColumns();
        String column = keys.get(index);
        String value = literal(after.get(column));
        if (index == keys.size() - 1) {
            return column + " gt " + value;
        }
        return "(" + column + " gt " + value + " or (" + column + " eq " + value + " and " + keyAfter(index + 1) + "))";
    }
}
