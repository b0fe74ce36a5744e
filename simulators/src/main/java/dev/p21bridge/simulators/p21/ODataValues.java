package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the OData service compares values. Strings compare case-insensitively, as P21's SQL Server does with its
 * default collation. Numbers compare by value whatever their scale. Times compare as instants, and a date-time
 * written as a quoted string is accepted for a date column. A numeric string compares with a number, so
 * {@code customer_id eq '100100'} and {@code customer_id eq 100100} find the same row.
 */
final class ODataValues {

    private ODataValues() {
    }

    /** Negative, zero or positive as in {@link Comparable}; null when the two cannot be compared. */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : null;
        }
        if (a instanceof Number || b instanceof Number) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return x == null || y == null ? null : x.compareTo(y);
        }
        if (a instanceof Instant || b instanceof Instant) {
            Instant x = instant(a);
            Instant y = instant(b);
            return x == null || y == null ? null : x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return String.CASE_INSENSITIVE_ORDER.compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return null;
    }

    /**
     * The key under which two strings are equal exactly when {@link #compare} finds them equal: each code point
     * folded as {@link String#CASE_INSENSITIVE_ORDER} folds it (upper, then lower case).
     */
    static String caseFolded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    static boolean equal(Object a, Object b) {
        Integer c = compare(a, b);
        return c != null && c == 0;
    }

    /** For {@code $orderby}: nulls first (as SQL Server sorts them ascending), incomparable values as equal. */
    static int compareForSort(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Integer c = compare(a, b);
        return c == null ? 0 : c;
    }

    /** Renders a value as text for the string functions ({@code contains}, {@code startswith}, ...). */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /**
     * An ISO-8601 date-time with {@code Z} or an offset, or without one (read as UTC), or a bare date (midnight
     * UTC); null when the text is none of those.
     */
    static Instant parseInstant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof String s ? parseInstant(s.trim()) : null;
    }
}
