package dev.p21bridge.app.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format a service's {@code GET /metrics} answers, and maps each series back to the
 * Micrometer name it was registered under ({@code bridge_webhooks_rejected_total} is the counter
 * {@code bridge.webhooks.rejected}), so the console queries scraped meters as it queries its own. The mapping
 * assumes Micrometer names spelled with dots, as every meter of this project is.
 */
final class PrometheusText {

    /** One sample line: its Prometheus name, labels, value and the type its family declared (null: untyped). */
    record Series(String name, Map<String, String> labels, double value, String type) {

        boolean isCounter() {
            return "counter".equals(type);
        }

        /** The Micrometer name: a counter's {@code _total} suffix dropped, underscores as dots. */
        String meterName() {
            String base = isCounter() && name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
            return base.replace('_', '.');
        }
    }

    private PrometheusText() {
    }

    /** Every sample of {@code text}; a line that does not parse is skipped rather than failing the whole scrape. */
    static List<Series> parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Series> series = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).trim().split("\\s+");
                if (parts.length == 2) {
                    types.put(parts[0], parts[1]);
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                Series parsed = sample(line, types);
                if (parsed != null) {
                    series.add(parsed);
                }
            }
        }
        return series;
    }

    private static Series sample(String line, Map<String, String> types) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels);
            if (end < 0) {
                return null;
            }
            rest = line.substring(end + 1).trim();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        String[] fields = rest.split("\\s+");
        Double value = value(fields[0]);
        if (value == null || name.isEmpty()) {
            return null;
        }
        String type = types.get(name);
        if (type == null && name.endsWith("_total")) {
            type = types.get(name.substring(0, name.length() - 6));
        }
        return new Series(name, Map.copyOf(labels), value, type);
    }

    /** Reads {@code key="value",...} from {@code from} into {@code labels}; returns the index of the closing brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            i = equals + 2;
            while (i < line.length() && line.charAt(i) != '"') {
                char v = line.charAt(i);
                if (v == '\\' && i + 1 < line.length()) {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(v);
                }
                i++;
            }
            if (i >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i++;
        }
        return -1;
    }

    private static Double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
