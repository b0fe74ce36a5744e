package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.RiskAction;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's risk rules ({@code risk/rules.json} of a mapping set, docs/risk.md): the points each signal adds to
 * an order's score, the thresholds a signal fires at, the time windows it counts in, and the scores at which an order
 * is held or rejected. Part of the mapping set so that {@code ./bridge mapping apply} checks and publishes them and
 * the transformer switches to them with the next order, without a restart; the look-up lists the signals read
 * (disposable domains, blocked e-mails and addresses, freight forwarders) are the set's {@code tables/risk-*.csv}.
 *
 * @param hold    the score at which an order is held (created in P21 on hold until approved)
 * @param reject  the score at which an order is rejected; empty when no score rejects (the default)
 * @param windows the time windows signals count in
 * @param signals the signals in effect, by name; a signal the file does not name is off
 * @param tables  the set's look-up tables, where the lists are
 */
public record RiskRules(int hold, Optional<Integer> reject, Windows windows, Map<String, Signal> signals,
                        LookupTables tables) {

    public static final String FILE = "risk/rules.json";
    public static final String DISPOSABLE_DOMAINS = "risk-disposable-domains";
    public static final String BLOCKED_EMAILS = "risk-blocked-emails";
    public static final String BLOCKED_ADDRESSES = "risk-blocked-addresses";
    public static final String FREIGHT_FORWARDERS = "risk-freight-forwarders";

    /**
     * Every signal the transformer computes (docs/risk.md describes each) and the settings each takes besides
     * {@code points} and {@code action}.
     */
    public static final Map<String, Set<String>> KNOWN = knownSignals();

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The windows of the velocity signals.
     *
     * @param recent  minutes: a burst (default 10 minutes)
     * @param day     a day's worth (default 1 day)
     * @param history how far back a buyer is "known" and an address's buyers are counted (default 30 days); the
     *                transformer remembers at most {@code BRIDGE_RISK_HISTORY}, which caps it
     */
    public record Windows(Duration recent, Duration day, Duration history) {
    }

    /**
     * One signal's settings.
     *
     * @param points   what it adds to the score when it fires, 0-100
     * @param action   the least action an order it fires on gets (e.g. a blocked e-mail rejects whatever the score);
     *                 PASS when the file says none
     * @param settings its thresholds by name (e.g. {@code recent: 3} orders), whole numbers or decimals
     */
    public record Signal(int points, RiskAction action, Map<String, Double> settings) {

        /** The setting {@code name}, or {@code fallback} when the file leaves it out. */
        public double setting(String name, double fallback) {
            Double value = settings.get(name);
            return value == null ? fallback : value;
        }
    }

    /** The bundled rules with their lists. */
    public static RiskRules bundled() {
        return of(MappingSet.bundled());
    }

    /** The rules of {@code set} with its look-up tables, without compiling its templates. */
    public static RiskRules of(MappingSet set) {
        return parse(set.files().get(FILE), LookupTables.parse(set.tables()));
    }

    /**
     * The rules of {@code text} ({@value #FILE}) with the set's tables.
     *
     * @throws MappingSetException naming the file and the setting that is wrong
     */
    public static RiskRules parse(String text, LookupTables tables) {
        if (text == null) {
            throw problem("is missing: a mapping set needs its risk rules (the bundled ones unless the folder has its own)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MappingSetException(FILE, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw problem("must be a JSON object with hold, reject, windows and signals");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("hold", "reject", "windows", "signals", "about").contains(name)) {
                throw problem("has an unknown setting '" + name + "' (known: hold, reject, windows, signals, about)");
            }
        }
        int hold = score(root.get("hold"), "hold");
        Optional<Integer> reject = root.hasNonNull("reject") ? Optional.of(score(root.get("reject"), "reject"))
                : Optional.empty();
        if (reject.isPresent() && reject.get() < hold) {
            throw problem("reject (" + reject.get() + ") must not be below hold (" + hold + ")");
        }
        JsonNode windows = root.path("windows");
        Windows parsed = new Windows(duration(windows, "recent", Duration.ofMinutes(10)),
                duration(windows, "day", Duration.ofDays(1)), duration(windows, "history", Duration.ofDays(30)));
        if (parsed.recent().compareTo(parsed.day()) > 0 || parsed.day().compareTo(parsed.history()) > 0) {
            throw problem("windows must satisfy recent <= day <= history");
        }
        JsonNode signals = root.path("signals");
        if (!signals.isObject()) {
            throw problem("signals must be an object of signal name to its settings, e.g. \"cards-per-ip\": {\"points\": 40, \"recent\": 2}");
        }
        Map<String, Signal> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = signals.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            byName.put(field.getKey(), signal(field.getKey(), field.getValue()));
        }
        return new RiskRules(hold, reject, parsed, Map.copyOf(byName), tables);
    }

    /** The settings of signal {@code name}; empty when the rules leave it off. */
    public Optional<Signal> signal(String name) {
        return Optional.ofNullable(signals.get(name));
    }

    /** Whether {@code key} is in look-up table {@code table}; false when the set has no such table. */
    public boolean listed(String table, String key) {
        return key != null && tables.has(table) && tables.find(table, key).isPresent();
    }

    private static Signal signal(String name, JsonNode node) {
        Set<String> settings = KNOWN.get(name);
        if (settings == null) {
            throw problem("signals." + name + " is not a signal the transformer computes (known: "
                    + KNOWN.keySet().stream().sorted().toList() + ")");
        }
        if (!node.isObject()) {
            throw problem("signals." + name + " must be an object such as {\"points\": 20}");
        }
        int points = -1;
        RiskAction action = RiskAction.PASS;
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String setting = field.getKey();
            JsonNode value = field.getValue();
            String where = "signals." + name + "." + setting;
            if (setting.equals("points")) {
                points = score(value, where);
            } else if (setting.equals("action")) {
                action = action(value, where);
            } else if (settings.contains(setting)) {
                if (!value.isNumber() || value.asDouble() <= 0) {
                    throw problem(where + " must be a number above 0, got " + value);
                }
                values.put(setting, value.asDouble());
            } else {
                throw problem(where + " is not a setting of " + name + " (it takes points, action"
                        + (settings.isEmpty() ? "" : ", " + String.join(", ", settings)) + ")");
            }
        }
        if (points < 0) {
            throw problem("signals." + name + ".points is required (0-100)");
        }
        return new Signal(points, action, Map.copyOf(values));
    }

    private static RiskAction action(JsonNode value, String where) {
        String text = value.isTextual() ? value.asText() : "";
        return switch (text) {
            case "pass" -> RiskAction.PASS;
            case "hold" -> RiskAction.HOLD;
            case "reject" -> RiskAction.REJECT;
            default -> throw problem(where + " must be \"pass\", \"hold\" or \"reject\", got " + value);
        };
    }

    private static int score(JsonNode value, String where) {
        if (value == null || !value.isInt() || value.asInt() < 0 || value.asInt() > 100) {
            throw problem(where + " must be a whole number from 0 to 100, got " + (value == null ? "nothing" : value));
        }
        return value.asInt();
    }

    private static Duration duration(JsonNode windows, String name, Duration fallback) {
        JsonNode value = windows.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.asText());
            if (parsed.isNegative() || parsed.isZero()) {
                throw problem("windows." + name + " must be longer than zero, got " + value.asText());
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw problem("windows." + name + " must be an ISO-8601 duration such as PT10M or P1D, got " + value);
        }
    }

    private static MappingSetException problem(String text) {
        return new MappingSetException(FILE, 0, 0, text);
    }

    private static Map<String, Set<String>> knownSignals() {
        Map<String, Set<String>> known = new LinkedHashMap<>();
        known.put("orders-per-email", Set.of("recent", "day"));
        known.put("cards-per-email", Set.of("recent", "day"));
        known.put("orders-per-card", Set.of("recent", "day"));
        known.put("emails-per-card", Set.of("day"));
        known.put("orders-per-ip", Set.of("recent", "day"));
        known.put("cards-per-ip", Set.of("recent"));
        known.put("emails-per-ip", Set.of("recent"));
        known.put("orders-per-address", Set.of("recent", "day"));
        known.put("buyers-per-address", Set.of("history"));
        known.put("country-mismatch", Set.of());
        known.put("high-value-first-order", Set.of("factor", "quantile", "minOrders", "above"));
        known.put("unusual-quantity", Set.of("factor", "minOrders"));
        known.put("disposable-email", Set.of());
        known.put("random-email", Set.of());
        known.put("name-email-mismatch", Set.of());
        known.put("store-flag", Set.of());
        known.put("gateway-score", Set.of("above"));
        known.put("blocked-email", Set.of());
        known.put("blocked-address", Set.of());
        known.put("freight-forwarder", Set.of());
        return Map.copyOf(known);
    }
}
