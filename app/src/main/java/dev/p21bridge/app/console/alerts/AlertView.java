package dev.p21bridge.app.console.alerts;

import java.util.List;

/**
 * One rule as {@code GET /api/alerts} and the Alerts page show it.
 *
 * @param state         {@code inactive}, {@code pending}, {@code firing} or {@code resolved}
 * @param since         when that state began (ISO-8601, UTC); null while inactive
 * @param detail        the last reading of the condition, e.g. "circuit of p21-sink is OPEN"
 * @param notifications the last notifications' outcomes, newest first
 */
public record AlertView(String name, String kind, String target, long threshold, String holdFor, String hours,
                        String state, String since, String detail, List<Notification> notifications) {

    /** One notification on one channel: sent, or failed after {@code tries} with {@code error}. */
    public record Notification(String edge, String channel, String at, boolean sent, int tries, String error) {
    }

    /** A dash for what is not set. */
    public static String shown(Object value) {
        return value == null ? "–" : value.toString();
    }
}
