package dev.p21bridge.app.console;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One flow as {@code GET /api/flows} and the Flows page show it. Rates are records per minute over the last minute;
 * {@code failures} counts the history's window; null means not known here (no meter for it in this process, or Kafka
 * not read yet).
 *
 * @param service    whose dead letters and retry topics these are; null for the webhooks
 * @param rateFrom   "metrics" when the service's own counter gave the rate, "kafka" when offsets did
 * @param history    per-minute rates of the window's samples, oldest first (the sparkline)
 */
public record FlowView(String name, String label, String service, double ratePerMinute, String rateFrom, Long lag, Long failures,
                       Integer deadLetters, Long retryDepth, String circuit, List<Double> history) {

    /** The sparkline's points for the page, e.g. {@code 0.0,12.0,30.5}. */
    public String points() {
        return history.stream().map(rate -> String.format(java.util.Locale.ROOT, "%.1f", rate))
                .collect(Collectors.joining(","));
    }

    public String rateText() {
        return String.format(java.util.Locale.ROOT, "%.1f", ratePerMinute);
    }

    /** A dash for what is not known. */
    public static String shown(Object value) {
        return value == null ? "–" : value.toString();
    }
}
