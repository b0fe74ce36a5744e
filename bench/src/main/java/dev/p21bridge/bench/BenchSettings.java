package dev.p21bridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code -Dbench.settings=BRIDGE_X=1,BRIDGE_Y=2}: bridge settings to try in a benchmark without a rebuild, on top of
 * the defaults {@code ./bridge up} uses. Printed when given, so a result never hides what it ran with.
 */
final class BenchSettings {

    private BenchSettings() {
    }

    static Map<String, String> fromSystemProperty() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : System.getProperty("bench.settings", "").split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                settings.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        if (!settings.isEmpty()) {
            System.out.println("settings: " + settings);
        }
        return settings;
    }
}
