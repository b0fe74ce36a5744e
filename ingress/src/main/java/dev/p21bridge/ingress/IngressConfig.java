package dev.p21bridge.ingress;

import dev.p21bridge.ingress.availability.AvailabilityConfig;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.StoreSettings;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the ingress, read once at start. Secrets are lists so a storefront's secret can be rotated without
 * downtime: while both are configured, a webhook signed with either is accepted. {@link #toString()} never shows a
 * secret, so the whole config may be logged.
 *
 * @param xcartSecrets   accepted X-Cart webhook secrets, never empty
 * @param claritySecrets accepted Clarity webhook secrets, never empty
 * @param tolerance      how far a signature's timestamp may lie from now, either way
 * @param ackTimeout     how long a webhook waits for Kafka's acknowledgement before it is answered 503
 * @param bodyTimeout    how long a sender has to deliver its whole body once its headers arrived; a slower one's
 *                       connection is closed, so a slow sender cannot hold a request thread and its buffer for long
 * @param availability   the stores that may ask {@code GET /stores/{store}/availability}, with their tokens
 */
public record IngressConfig(int port, List<String> xcartSecrets, List<String> claritySecrets, Duration tolerance,
                            Duration ackTimeout, Duration bodyTimeout, KafkaConfig kafka,
                            AvailabilityConfig availability) {

    public static final Setting<Integer> PORT = Setting.port("BRIDGE_INGRESS_PORT",
            "HTTP port of the ingress (webhooks, /health, /metrics); 0 picks a free one", 8080);
    public static final Setting<List<String>> XCART_SECRET = Setting.list("BRIDGE_XCART_WEBHOOK_SECRET",
            "secret X-Cart signs webhooks with; comma-separated to accept several while rotating", null);
    public static final Setting<List<String>> CLARITY_SECRET = Setting.list("BRIDGE_CLARITY_WEBHOOK_SECRET",
            "secret Clarity signs webhooks with; comma-separated to accept several while rotating", null);
    public static final Setting<Duration> TOLERANCE = Setting.duration("BRIDGE_WEBHOOK_TOLERANCE",
            "how far a webhook signature's timestamp may lie from now, e.g. 300s", Duration.ofSeconds(300));
    public static final Setting<Duration> ACK_TIMEOUT = Setting.duration("BRIDGE_INGRESS_ACK_TIMEOUT",
            "how long a webhook waits for Kafka's acknowledgement before answering 503, e.g. 5s", Duration.ofSeconds(5));
    public static final Setting<Duration> BODY_TIMEOUT = Setting.duration("BRIDGE_INGRESS_BODY_TIMEOUT",
            "how long a webhook sender has to deliver its whole body after its headers; a slower sender's connection is "
                    + "closed (10s means at least ~100 KiB/s for a 1 MiB body), e.g. 10s", Duration.ofSeconds(10));

    public IngressConfig {
        xcartSecrets = List.copyOf(xcartSecrets);
        claritySecrets = List.copyOf(claritySecrets);
        if (xcartSecrets.isEmpty() || claritySecrets.isEmpty()) {
            throw new IllegalArgumentException("every source needs at least one webhook secret");
        }
    }

    /** Reads every setting; a missing or malformed one throws {@link ConfigException} naming the variable. */
    public static IngressConfig from(Environment env) {
        return new IngressConfig(env.get(PORT), secrets(env, WebhookSource.XCART, XCART_SECRET),
                secrets(env, WebhookSource.CLARITY, CLARITY_SECRET),
                positive(env, TOLERANCE), positive(env, ACK_TIMEOUT), positive(env, BODY_TIMEOUT),
                KafkaConfig.from(env), AvailabilityConfig.from(env));
    }

    /**
     * The default store's own {@code BRIDGE_STORE_<NAME>_WEBHOOK_SECRET} when set (docs/order-polling.md, stores),
     * else the platform's variable, as before stores existed.
     */
    private static List<String> secrets(Environment env, WebhookSource source, Setting<List<String>> platform) {
        Setting<List<String>> own = StoreSettings.of(StoreSettings.WEBHOOK_SECRET, source.id());
        String raw = env.variables().get(own.name());
        return raw == null || raw.isBlank() ? env.get(platform) : env.get(own);
    }

    /** The secrets that verify webhooks of {@code source}. */
    public List<String> secrets(WebhookSource source) {
        return source == WebhookSource.XCART ? xcartSecrets : claritySecrets;
    }

    private static Duration positive(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must be positive): " + setting.description());
        }
        return value;
    }

    @Override
    public String toString() {
        return "IngressConfig[port=" + port + ", xcartSecrets=" + xcartSecrets.size() + " configured, claritySecrets="
                + claritySecrets.size() + " configured, tolerance=" + tolerance + ", ackTimeout=" + ackTimeout
                + ", bodyTimeout=" + bodyTimeout + ", kafka=" + kafka.bootstrapServers() + ", " + availability + "]";
    }
}
