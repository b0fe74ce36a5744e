package dev.p21bridge.app.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.p21bridge.platform.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the alert rules as Prometheus alerting rules and a Grafana dashboard, for merchants who watch the bridge
 * with those rather than (or besides) the console. Each kind reads the services' own meters where one exists (dead
 * letters of the sinks, circuit states, the P21 poller's polls); the others (consumer lag, which the console reads
 * from Kafka's offsets; no orders, whose hours are the merchant's; reconciliation differences) read the console's
 * {@code bridge_alert_value} and {@code bridge_alert_state} gauges, so both sides judge alike.
 * {@code AlertExportsTest} fails when the files under {@code deploy/} differ from what this renders of the shipped
 * defaults; {@link #main} writes them, also from an operator's own rules file.
 */
public final class AlertExports {

    public static final String PROMETHEUS_FILE = "deploy/prometheus/p21-bridge-alerts.yml";
    public static final String GRAFANA_FILE = "deploy/grafana/p21-bridge-alerts.json";
    public static final String REGENERATE = "mvn -B -q -pl app -am test -Dtest=AlertExportsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dbridge.docs.write=true";

    /** The services' meters the expressions use, by Prometheus name: the Micrometer name that registers each. */
    public static final Map<String, String> SERVICE_METERS = Map.of(
            "p21_dead_letters_total", "p21.dead.letters",
            "storefront_dead_letters_total", "storefront.dead.letters",
            "p21_circuit_state", "p21.circuit.state",
            "storefront_circuit_state", "storefront.circuit.state",
            "p21_poller_failures_total", "p21.poller.failures",
            "p21_poller_polls_total", "p21.poller.polls");

    /**
     * The console's flows, for checking a rules file without a console (the generator runs alone);
     * {@code AlertsConsoleTest} holds it equal to the Flows page's.
     */
    public static final Set<String> FLOWS = Set.of("webhooks-xcart", "webhooks-clarity", "transformer", "p21-orders",
            "stock", "shipments", "customers", "payments", "returns", "order-status");

    /** One rule in PromQL: {@code value} is what the dashboard plots, {@code expr} what fires. */
    record PromRule(AlertRule rule, String value, String expr, String summary) {
    }

    private AlertExports() {
    }

    /** A rule in PromQL. */
    static PromRule promql(AlertRule rule) {
        String console = "{rule=\"" + rule.name() + "\"}";
        return switch (rule.kind()) {
            case DEAD_LETTERS -> rule.target().equals("transformer")
                    ? compare(rule, "max(bridge_alert_value" + console + ")", " > " + rule.threshold(),
                            "dead letters waiting in the transformer (counted by the console)")
                    : compare(rule, "sum(increase(" + prefix(rule.target()) + "_dead_letters_total[10m]))",
                            " > " + rule.threshold(), "dead letters arriving in " + rule.target());
            case CIRCUIT_OPEN -> compare(rule, "max(" + prefix(rule.target()) + "_circuit_state)", " > 0",
                    "the circuit of " + rule.target() + " is not closed");
            case CONSUMER_LAG -> compare(rule, "max(bridge_alert_value" + console + ")", " > " + rule.threshold(),
                    "consumer lag of " + rule.target() + " over " + rule.threshold() + " records");
            case NO_ORDERS -> compare(rule, "max(bridge_alert_state" + console + ")", " == 2",
                    "no orders in " + rule.target() + " within " + rule.hours().text() + " (judged by the console)");
            case P21_POLLER_FAILING -> new PromRule(rule, "sum(increase(p21_poller_failures_total[5m]))",
                    "sum(increase(p21_poller_failures_total[5m])) > 0 and sum(increase(p21_poller_polls_total[5m])) == 0",
                    "the P21 change poller fails every poll");
            case RECONCILIATION_DIFFERENCE -> compare(rule, "max(bridge_alert_value" + console + ")",
                    " > " + rule.threshold(), "orders whose money does not match P21 (reconciliation)");
            case HOLD_WAITING -> compare(rule, "max(bridge_alert_value" + console + ")", " > " + rule.threshold(),
                    "an order held for review has waited over " + rule.threshold() + " minutes (judged by the console)");
        };
    }

    private static PromRule compare(AlertRule rule, String value, String comparison, String summary) {
        return new PromRule(rule, value, value + comparison, summary);
    }

    private static String prefix(String service) {
        return switch (service) {
            case "p21-sink" -> "p21";
            case "storefront-sink" -> "storefront";
            default -> throw new IllegalArgumentException("no meters of " + service);
        };
    }

    /** Prometheus alerting rules (a rule file for {@code rule_files}). */
    public static String prometheus(List<AlertRule> rules, String source) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Generated by dev.p21bridge.app.console.alerts.AlertExports from ").append(source)
                .append(". Do not edit by hand;\n# regenerate with: ").append(REGENERATE).append('\n');
        yaml.append("groups:\n  - name: p21-bridge\n    rules:\n");
        for (AlertRule rule : rules) {
            PromRule prom = promql(rule);
            yaml.append("      - alert: ").append(rule.name()).append('\n');
            yaml.append("        expr: ").append(quoted(prom.expr())).append('\n');
            yaml.append("        for: ").append(rule.holdForText()).append('\n');
            yaml.append("        labels:\n          kind: ").append(rule.kind().id()).append('\n');
            yaml.append("        annotations:\n          summary: ").append(quoted(prom.summary())).append('\n');
        }
        return yaml.toString();
    }

    /** A Grafana dashboard (import it, choosing the Prometheus data source): a panel per rule, its bound marked. */
    public static String grafana(List<AlertRule> rules) {
        List<Object> panels = new ArrayList<>();
        int index = 0;
        for (AlertRule rule : rules) {
            PromRule prom = promql(rule);
            panels.add(panel(index + 1, rule.name() + " (" + rule.kind().id() + ")", prom.summary(), prom.value(),
                    threshold(rule), 12 * (index % 2), 8 * (index / 2)));
            index++;
        }
        panels.add(panel(index + 1, "alert notifications", "sent and failed notifications per channel",
                "sum by (channel, outcome) (increase(bridge_alert_notifications_total[1h]))", null, 0,
                8 * ((index + 1) / 2)));
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("title", "p21-bridge alerts");
        dashboard.put("uid", "p21-bridge-alerts");
        dashboard.put("description", "Generated by AlertExports from the bridge's alert rules; do not edit by hand.");
        dashboard.put("schemaVersion", 39);
        dashboard.put("refresh", "30s");
        dashboard.put("time", map("from", "now-6h", "to", "now"));
        dashboard.put("templating", map("list", List.of(map("name", "datasource", "type", "datasource",
                "query", "prometheus", "label", "Prometheus"))));
        dashboard.put("panels", panels);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Number threshold(AlertRule rule) {
        return switch (rule.kind()) {
            case CIRCUIT_OPEN, P21_POLLER_FAILING -> 0;
            case NO_ORDERS -> 2;
            default -> rule.threshold();
        };
    }

    private static Map<String, Object> panel(int id, String title, String description, String expr, Number bound,
                                             int x, int y) {
        Map<String, Object> panel = map("id", id, "type", "timeseries", "title", title, "description", description);
        panel.put("datasource", map("type", "prometheus", "uid", "${datasource}"));
        panel.put("gridPos", map("h", 8, "w", 12, "x", x, "y", y));
        panel.put("targets", List.of(map("refId", "A", "expr", expr, "datasource",
                map("type", "prometheus", "uid", "${datasource}"))));
        if (bound != null) {
            panel.put("fieldConfig", map("defaults", map("thresholds", map("mode", "absolute", "steps", List.of(
                    map("color", "green", "value", null), map("color", "red", "value", bound))),
                    "custom", map("thresholdsStyle", map("mode", "line"))), "overrides", List.of()));
        }
        return panel;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The shipped defaults as the rules loader reads them. */
    public static List<AlertRule> defaults() {
        return new AlertRules(FLOWS, Set.copyOf(Topics.SERVICES_WITH_DLQ)).load(null);
    }

    /**
     * Writes both files under the repository root (first argument, default the working directory), from a rules file
     * (second argument) or the shipped defaults.
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<AlertRule> rules = args.length > 1 ? new AlertRules(FLOWS, Set.copyOf(Topics.SERVICES_WITH_DLQ))
                .load(Path.of(args[1])) : defaults();
        String source = args.length > 1 ? Path.of(args[1]).getFileName().toString() : AlertRules.DEFAULTS;
        write(root.resolve(PROMETHEUS_FILE), prometheus(rules, source));
        write(root.resolve(GRAFANA_FILE), grafana(rules));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath().normalize());
    }
}
