package dev.p21bridge.reconciliation.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Which orders a report covers: order dates from {@code from} to {@code to}, UTC days, both included; one store or all
 * (null).
 */
public record ReportQuery(LocalDate from, LocalDate to, String store) {

    /**
     * Parses what a person typed; an {@link IllegalArgumentException} names the parameter as the caller spells it
     * ({@code prefix} {@code "--"} for the command line, empty for a query string).
     */
    public static ReportQuery parse(String from, String to, String store, String prefix) {
        LocalDate start = date(from, prefix + "from");
        LocalDate end = date(to, prefix + "to");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException(prefix + "from " + start + " is after " + prefix + "to " + end);
        }
        if (store != null && !store.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException(prefix + "store must be a store name such as xcart (lower-case letters,"
                    + " digits, - and _)");
        }
        return new ReportQuery(start, end, store == null || store.isBlank() ? null : store);
    }

    private static LocalDate date(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required: a date such as 2026-03-01");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date such as 2026-03-01, not '" + printable(text) + "'");
        }
    }

    /** What a person typed, shortened and without control characters, fit to echo in one line. */
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    public boolean covers(LocalDate day, String orderStore) {
        return !day.isBefore(from) && !day.isAfter(to) && (store == null || store.equals(orderStore));
    }
}
