package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.p21bridge.app.console.alerts.AlertExports;
import dev.p21bridge.app.console.alerts.AlertRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/'s Prometheus rules and Grafana dashboard are what AlertExports renders of the shipped rules, and every
 * metric their expressions read is one the bridge registers.
 */
class AlertExportsTest {

    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9_]*)(?=\\{|\\[|\\))");
    private static final Set<String> PROMQL = Set.of("sum", "max", "increase", "by");

    private final List<AlertRule> rules = AlertExports.defaults();

    @Test
    void theCheckedInFilesAreWhatTheRulesRender() throws IOException {
        assertRendered(AlertExports.PROMETHEUS_FILE, AlertExports.prometheus(rules, "default-alerts.json"));
        assertRendered(AlertExports.GRAFANA_FILE, AlertExports.grafana(rules));
    }

    @Test
    void everyMetricTheExpressionsReadIsRegisteredByTheBridge() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher metric = METRIC.matcher(AlertExports.prometheus(rules, "") + AlertExports.grafana(rules));
        while (metric.find()) {
            if (!PROMQL.contains(metric.group(1)) && metric.group(1).contains("_")) {
                used.add(metric.group(1));
            }
        }
        assertThat(used).contains("p21_circuit_state", "p21_dead_letters_total", "bridge_alert_value");
        String sources = mainSources();
        for (String name : used) {
            String meter = name.startsWith("bridge_alert_") ? name.replace("_total", "").replace('_', '.')
                    : AlertExports.SERVICE_METERS.get(name);
            assertThat(meter).as(name + " is neither the console's nor listed in SERVICE_METERS").isNotNull();
            if (meter.endsWith(".dead.letters")) {
                // the sinks name it from their SinkSettings' prefix: metricPrefix + ".dead.letters"
                String prefix = meter.substring(0, meter.indexOf('.'));
                assertThat(sources).contains("metricPrefix + \".dead.letters\"");
                assertThat(sources).containsPattern("SinkSettings\\([^;]*\"" + prefix + "\"");
            } else {
                assertThat(sources).as(name + ": no meter named " + meter).contains("\"" + meter + "\"");
            }
        }
    }

    private static String mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(RepositoryRoot.find(), 12)) {
            return files.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java"))
                    .map(AlertExportsTest::read).collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRendered(String relative, String rendered) throws IOException {
        Path file = RepositoryRoot.find().resolve(relative);
        if (Boolean.getBoolean("bridge.docs.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        String written = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(rendered, written, relative + " is out of date with the alert rules. Regenerate it from the"
                + " repository root with:\n  " + AlertExports.REGENERATE + "\n");
    }
}
