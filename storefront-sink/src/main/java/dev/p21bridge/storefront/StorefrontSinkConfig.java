package dev.p21bridge.storefront;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.platform.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the storefront-sink reads from the environment, validated at start so a bad value stops the service
 * with one line naming the variable. Tokens never appear in {@link #toString()}.
 *
 * @param stores        the stores of {@code BRIDGE_STORES} ({@link StoreSettings}), each with its URL and token: the
 *                      default stores {@code xcart} and {@code clarity} still take {@code BRIDGE_XCART_URL},
 *                      {@code BRIDGE_XCART_TOKEN}, {@code BRIDGE_CLARITY_URL} and {@code BRIDGE_CLARITY_TOKEN}
 * @param timeout       how long one storefront call may stay silent before it counts as failed (and is retried)
 * @param flushInterval how long stock and price changes are collected before the latest of each SKU is written
 * @param skuInterval   least time between two writes of one SKU's stock (or price) to the storefronts; zero writes a
 *                      SKU at every flush it changed in
 * @param catalogTargets the storefronts that receive stock and prices (shipments always go to their order's own)
 * @param parallelism   storefront calls made at the same time (different order keys or SKUs only)
 * @param retry         retry delays and circuit breaker, shared with the p21-sink ({@code BRIDGE_RETRY_DELAYS},
 *                      {@code BRIDGE_CIRCUIT_*})
 * @param triesInPlace  tries of one delivery, a few tenths of a second apart, before a record goes to the next retry
 *                      topic (1: none in place)
 */
public record StorefrontSinkConfig(List<Store> stores,
                                   Duration timeout, Duration flushInterval, Duration skuInterval,
                                   Set<Storefront> catalogTargets,
                                   int parallelism, KafkaConfig kafka, RetryConfig retry, int triesInPlace) {

    public static final Setting<URI> XCART_URL = Setting.url("BRIDGE_XCART_URL",
            "base URL of the X-Cart 5.5 store (its /api lives below it)", URI.create("http://localhost:8092"));
    public static final Setting<String> XCART_TOKEN = Setting.string("BRIDGE_XCART_TOKEN",
            "X-Cart read/write API token (Settings > API), sent as X-Auth-Token", "xcart-dev-token");
    public static final Setting<URI> CLARITY_URL = Setting.url("BRIDGE_CLARITY_URL",
            "base URL of the Clarity API host (its /API-Storefront lives below it)", URI.create("http://localhost:8093"));
    public static final Setting<String> CLARITY_TOKEN = Setting.string("BRIDGE_CLARITY_TOKEN",
            "Clarity API bearer token", "clarity-dev-token");
    public static final Setting<Duration> TIMEOUT = Setting.duration("BRIDGE_STOREFRONT_TIMEOUT",
            "read timeout of one storefront call, e.g. 10s", Duration.ofSeconds(10));
    public static final Setting<Duration> FLUSH_INTERVAL = Setting.duration("BRIDGE_STOCK_FLUSH_INTERVAL",
            "how long stock and price changes are coalesced before the latest per SKU is written, e.g. 250ms",
            Duration.ofMillis(250));
    public static final Setting<Duration> SKU_INTERVAL = Setting.duration("BRIDGE_STOCK_SKU_INTERVAL",
            "least time between two writes of one SKU's stock or price to a storefront, e.g. 1s; 0s: every flush",
            Duration.ofSeconds(1));
    public static final Setting<List<String>> STOREFRONTS = Setting.list("BRIDGE_STOREFRONTS",
            "stores of BRIDGE_STORES that receive stock and prices, comma-separated store names; empty: every store",
            List.of());
    public static final Setting<Integer> PARALLELISM = Setting.integer("BRIDGE_STOREFRONT_SINK_PARALLELISM",
            "storefront calls made at the same time", 8, 1, 128);
    public static final Setting<Integer> TRIES_IN_PLACE = Setting.integer("BRIDGE_STOREFRONT_TRIES_IN_PLACE",
            "tries of one delivery, quickly one after the other, before a record moves to the next retry topic", 3, 1,
            10);

    public StorefrontSinkConfig {
        stores = List.copyOf(stores);
        catalogTargets = Set.copyOf(catalogTargets);
    }

    public static StorefrontSinkConfig from(Environment env) {
        List<Store> stores = connectable(StoreSettings.from(env));
        return new StorefrontSinkConfig(stores, positive(env, TIMEOUT), positive(env, FLUSH_INTERVAL),
                notNegative(env, SKU_INTERVAL), targets(env, Storefronts.of(stores)),
                env.get(PARALLELISM), KafkaConfig.from(env), RetryConfig.from(env), env.get(TRIES_IN_PLACE));
    }

    private static Duration positive(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must be positive): " + setting.description());
        }
        return value;
    }

    private static Duration notNegative(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must not be negative): " + setting.description());
        }
        return value;
    }

    /** The stores as the sink's registry: order keys resolve to them. */
    public Storefronts storefronts() {
        return Storefronts.of(stores);
    }

    /** The sink writes every store's shipments, statuses and invoices: each needs its URL and token. */
    private static List<Store> connectable(List<Store> stores) {
        for (Store store : stores) {
            if (store.url() == null) {
                throw new ConfigException(StoreSettings.of(StoreSettings.URL, store.name()).name() + " is not set (the"
                        + " storefront-sink writes to every store of BRIDGE_STORES): "
                        + StoreSettings.URL.description());
            }
            if (store.token() == null || store.token().isEmpty()) {
                throw new ConfigException(StoreSettings.of(StoreSettings.TOKEN, store.name()).name() + " is not set"
                        + " (the storefront-sink writes to every store of BRIDGE_STORES): "
                        + StoreSettings.TOKEN.description());
            }
        }
        return stores;
    }

    /** The stores named by {@code BRIDGE_STOREFRONTS}, every store when it names none. */
    private static Set<Storefront> targets(Environment env, Storefronts known) {
        List<String> names = env.get(STOREFRONTS);
        if (names.isEmpty()) {
            return Set.copyOf(known.all());
        }
        Set<Storefront> targets = new LinkedHashSet<>();
        for (String name : names) {
            targets.add(known.named(name).orElseThrow(() -> new ConfigException(STOREFRONTS.name()
                    + " is malformed (unknown storefront '" + name + "'; the stores of BRIDGE_STORES are "
                    + known.names() + "): " + STOREFRONTS.description())));
        }
        return targets;
    }

    @Override
    public String toString() {
        return "StorefrontSinkConfig[stores=" + stores + ", timeout=" + timeout + ", flushInterval=" + flushInterval
                + ", skuInterval=" + skuInterval + ", catalogTargets=" + catalogTargets.stream().map(Storefront::id)
                .sorted().collect(Collectors.joining(", ", "[", "]")) + ", parallelism=" + parallelism + ", kafka="
                + kafka.bootstrapServers() + ", retry=" + retry + ", triesInPlace=" + triesInPlace + "]";
    }
}
