package dev.p21bridge.app;

import dev.p21bridge.app.console.ConsoleConfig;
import dev.p21bridge.app.console.StandaloneConsole;
import dev.p21bridge.app.console.alerts.AlertConfig;
import dev.p21bridge.app.trace.TraceConfig;
import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.availability.AvailabilityConfig;
import dev.p21bridge.ingress.p21.P21PollerConfig;
import dev.p21bridge.p21.OrderMapping;
import dev.p21bridge.p21.P21Config;
import dev.p21bridge.p21.PaymentMapping;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.StoreMode;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.platform.http.ServiceHttpServer;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.reconciliation.ReconciliationConfig;
import dev.p21bridge.storefront.StorefrontSinkConfig;
import dev.p21bridge.transformer.TransformerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/configuration.md} from the {@link Setting} constants, so the reference of every
 * {@code BRIDGE_*} variable is written once, in the code that reads it. {@code ConfigurationReferenceTest} fails when
 * the file differs from what this renders; {@link #main} (or that test with {@code -Dbridge.docs.write=true}) writes
 * it. Each section lists its settings by hand: a new setting shows up here only when someone places it, and the test
 * checks that none of a config class's constants was forgotten.
 */
public final class ConfigurationReference {

    /** The file this renders, relative to the repository root. */
    public static final String FILE = "docs/configuration.md";

    static final String REGENERATE = "mvn -B -q -pl app -am test -Dtest=ConfigurationReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dbridge.docs.write=true";

    /** A group of settings with a sentence on who reads them. */
    public record Section(String title, String text, List<Setting<?>> settings) {
    }

    private ConfigurationReference() {
    }

    /** Every section, in the order of the file. */
    public static List<Section> sections() {
        return List.of(
                new Section("Kafka and the schema registry", "Read by every service.", List.of(
                        KafkaConfig.BOOTSTRAP, KafkaConfig.SCHEMA_REGISTRY_URL, KafkaConfig.REPLICATION_FACTOR,
                        KafkaConfig.MIN_INSYNC_REPLICAS)),
                new Section("Ingress: webhooks", "`IngressConfig`.", List.of(
                        IngressConfig.PORT, IngressConfig.XCART_SECRET, IngressConfig.CLARITY_SECRET,
                        IngressConfig.TOLERANCE, IngressConfig.ACK_TIMEOUT, IngressConfig.BODY_TIMEOUT)),
                new Section("Prophet 21 connection", "`P21Config`; the ingress's P21 change poller reads the same"
                        + " variables (`P21PollerConfig`).", List.of(
                        P21Config.URL, P21Config.USERNAME, P21Config.PASSWORD, P21Config.TIMEOUT)),
                new Section("Ingress: P21 change poller", "`P21PollerConfig`.", List.of(
                        P21PollerConfig.POLL_ENABLED, P21PollerConfig.POLL_INVENTORY, P21PollerConfig.POLL_SHIPMENTS,
                        P21PollerConfig.POLL_ORDERS, P21PollerConfig.POLL_INVOICES, P21PollerConfig.POLL_RECEIPTS,
                        P21PollerConfig.POLL_CUSTOMERS, P21PollerConfig.POLL_ITEMS, P21PollerConfig.POLL_OVERLAP,
                        P21PollerConfig.POLL_PAGE_SIZE, P21PollerConfig.INITIAL_LOAD)),
                new Section("Stores", "`StoreSettings` (CONTRACT section 10), read by every service: which stores there"
                        + " are, how their orders arrive and what P21 gives them; several stores are described in"
                        + " [stores.md](stores.md), polling in [order-polling.md](order-polling.md). `<NAME>` is the"
                        + " store's name upper-cased, `-` as `_`.", List.of(StoreSettings.STORES, StoreSettings.MODE,
                        StoreSettings.URL, StoreSettings.TOKEN, StoreSettings.WEBHOOK_SECRET,
                        StoreSettings.POLL_INTERVAL, StoreSettings.POLL_OVERLAP, StoreSettings.P21_SALES_LOCATION,
                        StoreSettings.P21_SOURCE_LOCATION, StoreSettings.P21_TAKER, StoreSettings.STOCK_LOCATIONS,
                        StoreSettings.AVAILABILITY_TOKEN)),
                new Section("Ingress: availability API", "`AvailabilityConfig`: what the ingress holds to answer"
                        + " `GET /stores/<name>/availability`, see [availability.md](availability.md); only read"
                        + " when some store has an availability token.", List.of(AvailabilityConfig.MAX_SKUS)),
                new Section("Transformer", "`TransformerConfig`.", List.of(
                        TransformerConfig.APPLICATION_ID, TransformerConfig.STATE_DIR, TransformerConfig.GUARANTEE,
                        TransformerConfig.THREADS, TransformerConfig.EVENT_DEDUP, TransformerConfig.ORDER_DEDUP,
                        TransformerConfig.SALES_LOCATION, TransformerConfig.SOURCE_LOCATION, TransformerConfig.TAKER,
                        TransformerConfig.REQUESTED_OFFSET, TransformerConfig.SKU_XREF_CSV,
                        TransformerConfig.WEBSTORE_LOCATIONS, TransformerConfig.RESERVATION_TTL,
                        TransformerConfig.ORDER_MAPPING, TransformerConfig.RISK_SCORING, TransformerConfig.RISK_HISTORY)),
                new Section("Reconciliation", "`ReconciliationConfig`; runs in the transformer's process, see"
                        + " [reconciliation.md](reconciliation.md).", List.of(
                        ReconciliationConfig.ENABLED, ReconciliationConfig.APPLICATION_ID,
                        ReconciliationConfig.STATE_DIR)),
                new Section("p21-sink", "`P21Config`, `OrderMapping` (how an order's money, carrier and terms"
                        + " reach P21, see [p21-orders.md](p21-orders.md)) and `PaymentMapping` (the payment type of"
                        + " each cash receipt, see [cash-and-returns.md](cash-and-returns.md)), besides the P21"
                        + " connection above and the retry settings below.", List.of(P21Config.PARALLELISM,
                        P21Config.IN_PLACE_BUDGET, P21Config.IN_PLACE_TRIES, P21Config.TIMEOUT_FLOOR,
                        OrderMapping.SHIP_VIA_MAP, OrderMapping.DEFAULT_SHIP_VIA, OrderMapping.DISCOUNT_ITEM,
                        OrderMapping.PREPAID_TERMS, OrderMapping.TERMS_MAP, P21Config.PENDING_ORDERS,
                        PaymentMapping.PAYMENT_TYPE_MAP, PaymentMapping.DEFAULT_PAYMENT_TYPE)),
                new Section("storefront-sink", "`StorefrontSinkConfig`.", List.of(
                        StorefrontSinkConfig.XCART_URL, StorefrontSinkConfig.XCART_TOKEN,
                        StorefrontSinkConfig.CLARITY_URL, StorefrontSinkConfig.CLARITY_TOKEN,
                        StorefrontSinkConfig.TIMEOUT, StorefrontSinkConfig.FLUSH_INTERVAL,
                        StorefrontSinkConfig.SKU_INTERVAL, StorefrontSinkConfig.STOREFRONTS,
                        StorefrontSinkConfig.PARALLELISM, StorefrontSinkConfig.TRIES_IN_PLACE)),
                new Section("Ops console: order trace", "`TraceConfig`: the index `./bridge run console` and"
                        + " `./bridge up` keep for `GET /api/trace`, see [operations.md](operations.md#tracing-an-order).",
                        List.of(TraceConfig.APPLICATION_ID, TraceConfig.STATE_DIR, TraceConfig.RETENTION)),
                new Section("Retries and circuit breakers", "`RetryConfig`, shared by the p21-sink and the"
                        + " storefront-sink; each target has its own circuit.", List.of(
                        RetryConfig.DELAYS, RetryConfig.CIRCUIT_FAILURES, RetryConfig.CIRCUIT_WINDOW,
                        RetryConfig.CIRCUIT_OPEN_FOR)),
                new Section("Ops console", "`ConsoleConfig`: the Flows page's sampling, see"
                        + " [operations.md](operations.md#ops-console).", List.of(
                        ConsoleConfig.SAMPLE_INTERVAL, ConsoleConfig.HISTORY, ConsoleConfig.SERVICE_METRICS)),
                new Section("Ops console: alerts", "`AlertConfig`: the rules file and the two channels, see"
                        + " [operations.md](operations.md#alerts). A channel whose address is empty is off.", List.of(
                        AlertConfig.RULES, AlertConfig.INTERVAL, AlertConfig.SMTP_HOST, AlertConfig.SMTP_PORT,
                        AlertConfig.SMTP_SECURITY, AlertConfig.SMTP_USERNAME, AlertConfig.SMTP_PASSWORD,
                        AlertConfig.SMTP_FROM, AlertConfig.SMTP_TO, AlertConfig.WEBHOOK_URL, AlertConfig.TRIES,
                        AlertConfig.RETRY_DELAY)));
    }

    /** The whole file. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n");
        md.append("<!-- Generated by dev.p21bridge.app.ConfigurationReference from the Setting constants."
                + " Do not edit by hand; regenerate with:\n     ").append(REGENERATE).append(" -->\n\n");
        md.append("Every service is configured by environment variables only. A missing or malformed one stops the"
                + " service at\nstart with one line naming it. Durations accept `500ms`, `5s`, `10m`, `1h`, `7d` or"
                + " ISO-8601 (`PT5S`). This file is\ngenerated from the code's `Setting` constants; a test fails when"
                + " it is out of date. Secrets show no default\nhere: the built-in values only fit the simulators of"
                + " `./bridge up` ([simulators.md](simulators.md)).\n");
        for (Section section : sections()) {
            md.append("\n## ").append(section.title()).append("\n\n").append(section.text()).append("\n\n");
            md.append("| variable | default | meaning |\n|---|---|---|\n");
            for (Setting<?> setting : section.settings()) {
                row(md, setting.name(), defaultOf(setting), setting.description());
            }
        }
        md.append("\n## Other variables\n\n");
        md.append("| variable | default | meaning |\n|---|---|---|\n");
        row(md, ServiceHttpServer.portSetting(0).name(), RunCommand.TRANSFORMER_HTTP_PORT + " transformer, "
                + RunCommand.P21_SINK_HTTP_PORT + " p21-sink, " + RunCommand.STOREFRONT_SINK_HTTP_PORT + " storefront-sink, "
                + RunCommand.CONSOLE_HTTP_PORT + " console",
                ServiceHttpServer.portSetting(0).description() + ", when run alone with `./bridge run`");
        row(md, "BRIDGE_KAFKA_<PROPERTY>", "", "any Kafka client property, dots as underscores, e.g."
                + " `BRIDGE_KAFKA_SECURITY_PROTOCOL=SASL_SSL`, `BRIDGE_KAFKA_COMMIT_INTERVAL_MS=100`");
        row(md, StandaloneConsole.ADMIN_TOKEN, "`./bridge up`: a dev token it prints",
                "login of the ops console's pages and bearer token of its API; `./bridge run console` requires it");
        row(md, "BRIDGE_LOG_FORMAT", "`JSON`", "`TEXT` for a terminal; logs never carry secrets, e-mails or"
                + " addresses in clear");
        row(md, "BRIDGE_JAVA_OPTS", "`-Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxDirectMemorySize=128m`",
                "JVM flags of `./bridge`, replacing the default ones");
        return md.toString();
    }

    /** Whether a setting holds a secret, whose default must not be printed. */
    public static boolean isSecret(Setting<?> setting) {
        String name = setting.name();
        return name.endsWith("_PASSWORD") || name.endsWith("_TOKEN") || name.endsWith("_SECRET");
    }

    static String defaultOf(Setting<?> setting) {
        Object value = setting.defaultValue();
        if (setting == StoreSettings.AVAILABILITY_TOKEN) {
            return "none (no availability API for the store); `./bridge up`: `<name>-dev-availability-token`";
        }
        if (value == null && setting.name().startsWith("BRIDGE_STORE_<NAME>_P21_")) {
            return "the bridge-wide setting";
        }
        if (value == null && setting.name().startsWith("BRIDGE_STORE_<NAME>_")) {
            return "stores `xcart`, `clarity`: the platform's variable; others: "
                    + (setting.name().endsWith("_SECRET") ? "required when they take webhooks" : "required when polled");
        }
        if (value == null) {
            return "required";
        }
        if (isSecret(setting)) {
            return "".equals(value) ? "none" : "a dev value; set it";
        }
        if (value instanceof Collection<?> values && values.isEmpty()) {
            return "empty";
        }
        if (value instanceof Map<?, ?> values && values.isEmpty()) {
            return "none";
        }
        String text = format(value);
        return text.isEmpty() ? "none" : "`" + text + "`";
    }

    private static String format(Object value) {
        if (value instanceof Duration duration) {
            return format(duration);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(ConfigurationReference::format).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> stores && !stores.isEmpty()
                && stores.values().stream().allMatch(StorePlatform.class::isInstance)) {
            return stores.entrySet().stream().map(e -> e.getKey() + ":" + format(e.getValue()))
                    .collect(Collectors.joining(","));
        }
        if (value instanceof StorePlatform platform) {
            return platform.id();
        }
        if (value instanceof StoreMode mode) {
            return mode.id();
        }
        return String.valueOf(value);
    }

    /** As an operator would write it: {@code 250ms}, {@code 10s}, {@code 30m}, {@code 7d}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static void row(StringBuilder md, String name, String defaultValue, String description) {
        md.append("| `").append(name).append("` | ").append(cell(defaultValue)).append(" | ")
                .append(cell(description)).append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Writes the file under the repository root given as the only argument (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(FILE), render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + root.resolve(FILE).toAbsolutePath().normalize());
    }
}
