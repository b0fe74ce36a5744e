package dev.p21bridge.ingress;

import dev.p21bridge.ingress.availability.AvailabilityConfig;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.config.StoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the ingress, read once at start. Secrets are lists so a storefront's secret can be rotated without
 * downtime: while both are configured, a webhook signed with either is accepted. {@link #toString()} never shows a
 * secret, so the whole config may be logged.
 *
 * @param webhookStores  the stores of {@code BRIDGE_STORES} that send webhooks (mode webhook or both), in their order
 * @param tolerance      how far a signature's timestamp may lie from now, either way
 * @param ackTimeout     how long a webhook waits for Kafka's acknowledgement before it is answered 503
 * @param bodyTimeout    how long a sender has to deliver its whole body once its headers arrived; a slower one's
 *                       connection is closed, so a slow sender cannot hold a request thread and its buffer for long
 * @param availability   the stores that may ask {@code GET /stores/{store}/availability}, with their tokens
 */
public record IngressConfig(int port, List<WebhookStore> webhookStores, Duration tolerance,
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
        webhookStores = List.copyOf(webhookStores);
    }

    /** Reads every setting; a missing or malformed one throws {@link ConfigException} naming the variable. */
    public static IngressConfig from(Environment env) {
        return from(env, StoreSettings.from(env));
    }

    /** The same, for the stores already read from {@code env}. */
    public static IngressConfig from(Environment env, List<Store> stores) {
        List<WebhookStore> webhookStores = new ArrayList<>();
        for (Store store : stores) {
            if (store.mode().listens()) {
                webhookStores.add(new WebhookStore(store.name(), WebhookSource.of(store.platform()),
                        secrets(env, store)));
            }
        }
        return new IngressConfig(env.get(PORT), webhookStores, positive(env, TOLERANCE), positive(env, ACK_TIMEOUT),
                positive(env, BODY_TIMEOUT), KafkaConfig.from(env), AvailabilityConfig.from(env));
    }

    /**
     * The store's secrets (its own {@code BRIDGE_STORE_<NAME>_WEBHOOK_SECRET}, or, for a store named as its platform,
     * the platform's variable as before stores existed); none stops the ingress naming the variable to set.
     */
    private static List<String> secrets(Environment env, Store store) {
        if (!store.webhookSecrets().isEmpty()) {
            return store.webhookSecrets();
        }
        Setting<List<String>> required = store.isDefault()
                ? (store.platform() == StorePlatform.XCART ? XCART_SECRET : CLARITY_SECRET)
                : StoreSettings.of(StoreSettings.WEBHOOK_SECRET, store.name());
        return env.get(required);
    }

    /** The secrets that verify webhooks of the store {@code name}; empty when it sends none. */
    public List<String> secrets(String name) {
        return webhookStores.stream().filter(store -> store.name().equals(name)).findFirst()
                .map(WebhookStore::secrets).orElse(List.of());
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
        return "IngressConfig[port=" + port + ", webhookStores=" + webhookStores + ", tolerance=" + tolerance
                + ", ackTimeout=" + ackTimeout + ", bodyTimeout=" + bodyTimeout + ", kafka=" + kafka.bootstrapServers()
                + ", " + availability + "]";
    }
}
