package dev.p21bridge.app.console;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.transformer.TransformerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ops console's own settings: how often the Flows page samples, how much history it keeps, and where the
 * services that run in other processes answer {@code GET /metrics} (empty: their meters are not read), and the stores
 * of {@code BRIDGE_STORES}, each of which has a webhooks flow.
 */
public record ConsoleConfig(Duration sampleInterval, Duration history, String transformerGroup,
                            Map<String, URI> serviceMetrics, Map<String, StorePlatform> stores) {

    /** The services whose {@code /metrics} the console can read for its flows. */
    public static final Set<String> METERED_SERVICES = Set.of("ingress", "transformer", "p21-sink", "storefront-sink");

    public static final Setting<Duration> SAMPLE_INTERVAL = Setting.duration("BRIDGE_CONSOLE_SAMPLE_INTERVAL",
            "how often the console samples the flows' meters and Kafka positions (the Flows page's resolution)",
            Duration.ofSeconds(5));
    public static final Setting<Duration> HISTORY = Setting.duration("BRIDGE_CONSOLE_HISTORY",
            "how far back the Flows page's sparklines and failure counts reach (kept in memory)", Duration.ofMinutes(5));
    public static final Setting<Map<String, URI>> SERVICE_METRICS = new Setting<>("BRIDGE_CONSOLE_SERVICE_METRICS",
            "where the console run alone reads each service's meters for the Flows page's rates, failures and"
                    + " circuits, as `service=url` pairs, e.g. `ingress=http://ingress:8080/metrics,"
                    + "p21-sink=http://p21-sink:8095/metrics`; services: ingress, transformer, p21-sink,"
                    + " storefront-sink", Map.of(), ConsoleConfig::parseServiceMetrics);

    public ConsoleConfig {
        if (sampleInterval.toMillis() < 200) {
            throw new IllegalArgumentException(SAMPLE_INTERVAL.name() + " must be at least 200ms");
        }
        if (history.compareTo(sampleInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(HISTORY.name() + " must hold at least two samples of "
                    + SAMPLE_INTERVAL.name());
        }
        serviceMetrics = Map.copyOf(serviceMetrics);
        stores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stores));
    }

    /** Without any service's metrics: the services share this JVM's registry, or only Kafka is read. */
    public ConsoleConfig(Duration sampleInterval, Duration history, String transformerGroup) {
        this(sampleInterval, history, transformerGroup, Map.of());
    }

    /** The default stores, reading {@code serviceMetrics}. */
    public ConsoleConfig(Duration sampleInterval, Duration history, String transformerGroup,
                         Map<String, URI> serviceMetrics) {
        this(sampleInterval, history, transformerGroup, serviceMetrics, StoreSettings.STORES.defaultValue());
    }

    public static ConsoleConfig from(Environment env) {
        return new ConsoleConfig(env.get(SAMPLE_INTERVAL), env.get(HISTORY), env.get(TransformerConfig.APPLICATION_ID),
                env.get(SERVICE_METRICS), env.get(StoreSettings.STORES));
    }

    /** The same settings, also reading {@code service}'s meters at {@code url}. */
    public ConsoleConfig withServiceMetrics(String service, URI url) {
        Map<String, URI> more = new LinkedHashMap<>(serviceMetrics);
        more.put(service, url);
        return new ConsoleConfig(sampleInterval, history, transformerGroup, more, stores);
    }

    int samples() {
        return (int) Math.max(2, history.toMillis() / sampleInterval.toMillis());
    }

    /** How long one service's scrape may take: an interval at most, so a dead service does not stall the page. */
    Duration scrapeTimeout() {
        Duration most = Duration.ofSeconds(2);
        return sampleInterval.compareTo(most) < 0 ? sampleInterval : most;
    }

    static Map<String, URI> parseServiceMetrics(String text) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String entry = pair.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not service=url");
            }
            String service = entry.substring(0, equals).trim();
            if (!METERED_SERVICES.contains(service)) {
                throw new IllegalArgumentException("unknown service '" + service
                        + "'; known: ingress, transformer, p21-sink, storefront-sink");
            }
            if (endpoints.containsKey(service)) {
                throw new IllegalArgumentException("service '" + service + "' is named twice");
            }
            endpoints.put(service, url(service, entry.substring(equals + 1).trim()));
        }
        return endpoints;
    }

    private static URI url(String service, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the URL of " + service + " is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the URL of " + service + " must be an http:// or https:// URL"
                    + " with a host");
        }
        if (uri.getUserInfo() != null) {
            // the page of every service is open (CONTRACT section 8); a password here would only end up in a log
            throw new IllegalArgumentException("the URL of " + service + " must not carry a user or password");
        }
        return uri;
    }
}
