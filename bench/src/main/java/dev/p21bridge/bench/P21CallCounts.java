package dev.p21bridge.bench;

import dev.p21bridge.sandbox.BridgeSystem;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The p21-sink's calls to P21 so far, from its {@code p21.call.latency} timers (one per call kind and answer), grouped
 * by one of their tags: {@code call} ({@code transaction-order}, {@code odata-oe_hdr}, ...) or {@code status}.
 */
final class P21CallCounts {

    private P21CallCounts() {
    }

    static Map<String, Long> by(BridgeSystem system, String tag) {
        Map<String, Long> calls = new TreeMap<>();
        for (Timer timer : system.metrics().find("p21.call.latency").timers()) {
            calls.merge(timer.getId().getTag(tag), timer.count(), Long::sum);
        }
        return calls;
    }

    /** Calls between the two counts per order, by kind, e.g. "odata-customer 0.20, transaction-order 1.00". */
    static String perOrder(Map<String, Long> before, Map<String, Long> after, long orders) {
        StringBuilder text = new StringBuilder();
        after.forEach((call, count) -> {
            long made = count - before.getOrDefault(call, 0L);
            if (made > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(call).append(' ')
                        .append(String.format("%.2f", made / (double) Math.max(orders, 1)));
            }
        });
        return text.isEmpty() ? "none" : text.toString();
    }

    /** All calls between the two counts per order. */
    static double total(Map<String, Long> before, Map<String, Long> after, long orders) {
        long made = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            made += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return made / (double) Math.max(orders, 1);
    }
}
