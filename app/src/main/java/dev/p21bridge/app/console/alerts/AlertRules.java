package dev.p21bridge.app.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The alert rules: the operator's JSON file ({@code BRIDGE_ALERT_RULES}) or, without one, the defaults shipped in
 * {@code default-alerts.json} beside this class. Every problem is an {@link IllegalArgumentException} naming the file,
 * the rule and the field, so a console with a bad file stops at start rather than staying silent when it matters.
 * <pre>
 * {"rules": [
 *   {"name": "p21-circuit-open", "kind": "circuit-open", "target": "p21-sink", "for": "5m"},
 *   {"name": "quiet-shop", "kind": "no-orders", "target": "p21-orders", "for": "30m",
 *    "hours": {"zone": "America/Chicago", "days": "MON-FRI", "from": "08:00", "to": "18:00"}}]}
 * </pre>
 */
public final class AlertRules {

    /** The shipped defaults, a resource beside this class. */
    public static final String DEFAULTS = "default-alerts.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<String, Duration> DURATION = Setting.duration("for", "", Duration.ZERO).parser();
    private static final Set<String> FIELDS = Set.of("name", "kind", "target", "threshold", "for", "hours");
    private static final Set<String> HOURS = Set.of("zone", "days", "from", "to");

    private final Set<String> flows;
    private final Set<String> services;

    /** @param flows the flows a target may name; {@code services} the services with dead letters and circuits */
    public AlertRules(Set<String> flows, Set<String> services) {
        this.flows = Set.copyOf(flows);
        this.services = Set.copyOf(services);
    }

    /** The rules of {@code file}, or the shipped defaults when it is null. */
    public List<AlertRule> load(Path file) {
        if (file == null) {
            try (InputStream in = AlertRules.class.getResourceAsStream(DEFAULTS)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
    }

    /** The rules written in {@code json}; {@code source} names it in messages. */
    public List<AlertRule> parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("rules").isArray()) {
            throw new IllegalArgumentException(source + " must be an object with an array \"rules\"");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("rules")) {
            index++;
            String where = source + ": rule " + index + (node.hasNonNull("name") ? " (" + node.path("name").asText() + ")" : "");
            try {
                AlertRule rule = rule(node);
                if (!names.add(rule.name())) {
                    throw new IllegalArgumentException("name is used by an earlier rule");
                }
                rules.add(rule);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(rules);
    }

    private AlertRule rule(JsonNode node) {
        unknownFields(node, FIELDS, "");
        AlertKind kind = AlertKind.of(text(node, "kind"));
        String target = node.hasNonNull("target") ? node.get("target").asText() : null;
        if (target != null && kind.target() == AlertKind.Target.FLOW && !flows.contains(target)) {
            throw new IllegalArgumentException("target '" + target + "' is not a flow; one of " + flows);
        }
        if (target != null && kind.target() == AlertKind.Target.SERVICE && !services.contains(target)) {
            throw new IllegalArgumentException("target '" + target + "' is not a service; one of " + services);
        }
        long threshold = 0;
        if (node.has("threshold")) {
            if (!node.get("threshold").canConvertToLong() || !node.get("threshold").isIntegralNumber()) {
                throw new IllegalArgumentException("threshold must be a whole number");
            }
            threshold = node.get("threshold").asLong();
        }
        Duration holdFor = node.has("for") ? duration(text(node, "for")) : Duration.ZERO;
        return new AlertRule(text(node, "name"), kind, target, threshold, holdFor,
                node.has("hours") ? hours(node.get("hours")) : null);
    }

    private static BusinessHours hours(JsonNode node) {
        unknownFields(node, HOURS, "hours.");
        ZoneId zone;
        try {
            zone = ZoneId.of(text(node, "zone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("hours.zone '" + node.path("zone").asText()
                    + "' is not a time zone such as America/Chicago");
        }
        return new BusinessHours(zone, BusinessHours.days(text(node, "days")), time(node, "from"), time(node, "to"));
    }

    private static LocalTime time(JsonNode node, String field) {
        try {
            return LocalTime.parse(text(node, field));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("hours." + field + " '" + node.path(field).asText()
                    + "' is not a time such as 08:00");
        }
    }

    private static Duration duration(String text) {
        try {
            return DURATION.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("for '" + text + "': " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing (a string)");
        }
        return value.asText().trim();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        if (!node.isObject()) {
            throw new IllegalArgumentException((prefix.isEmpty() ? "a rule" : prefix) + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("field '" + prefix + name + "' is unknown; known: " + known);
            }
        }
    }
}
