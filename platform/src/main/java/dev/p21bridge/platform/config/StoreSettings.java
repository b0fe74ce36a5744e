package dev.p21bridge.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stores of {@code BRIDGE_STORES} and their per-store settings {@code BRIDGE_STORE_<NAME>_*} (CONTRACT section
 * 10). The default, {@code xcart:xcart,clarity:clarity}, keeps an installation of one X-Cart and one Clarity store
 * working unchanged: a store named as its platform falls back to that platform's earlier single-store variables
 * ({@code BRIDGE_XCART_URL}, {@code BRIDGE_XCART_TOKEN}, {@code BRIDGE_XCART_WEBHOOK_SECRET}, and Clarity's). Any
 * other store must name its own URL and token when it is polled (the ingress also requires its webhook secret when it
 * listens, the storefront-sink its URL and token always). Several stores
 * of one platform are told apart by their order keys {@code <store>:<order id>}. A malformed value throws
 * {@link ConfigException} naming the variable.
 */
public final class StoreSettings {

    public static final Setting<Map<String, StorePlatform>> STORES = new Setting<>("BRIDGE_STORES",
            "the stores as name:platform, comma-separated (platform xcart or clarity; name: lower-case letters, digits,"
                    + " '-'); each store's own settings are BRIDGE_STORE_<NAME>_*, the name upper-cased with '-' as"
                    + " '_'", defaultStores(), StoreSettings::parseStores);
    public static final Setting<StoreMode> MODE = perStore("MODE",
            "how the store's orders arrive: webhook, poll (its order list is read every poll interval, for a store"
                    + " without webhooks such as stock X-Cart 5.5) or both", StoreMode.WEBHOOK, StoreMode::parse);
    public static final Setting<URI> URL = perStore("URL", "base URL of the store's API; a store named xcart or"
            + " clarity falls back to BRIDGE_XCART_URL or BRIDGE_CLARITY_URL", null,
            text -> Setting.url("x", "", null).parser().apply(text));
    public static final Setting<String> TOKEN = perStore("TOKEN", "the store's API token; a store named xcart or"
            + " clarity falls back to BRIDGE_XCART_TOKEN or BRIDGE_CLARITY_TOKEN", null, String::strip);
    public static final Setting<List<String>> WEBHOOK_SECRET = perStore("WEBHOOK_SECRET", "secret the store signs"
            + " its webhooks with, comma-separated while rotating; a store named xcart or clarity falls back to"
            + " BRIDGE_XCART_WEBHOOK_SECRET or BRIDGE_CLARITY_WEBHOOK_SECRET", null,
            text -> Setting.list("x", "", null).parser().apply(text));
    public static final Setting<Duration> POLL_INTERVAL = perStore("POLL_INTERVAL", "pause between two polls of"
            + " the store's order list (mode poll or both), e.g. 30s", Duration.ofSeconds(30), Setting::parseDuration);
    public static final Setting<Duration> POLL_OVERLAP = perStore("POLL_OVERLAP", "how far behind the last change"
            + " seen each poll reads again, so an order whose creation committed late is still found; longer than"
            + " the store's slowest transaction, e.g. 2m", Duration.ofMinutes(2), Setting::parseDuration);

    public static final Setting<String> P21_SALES_LOCATION = perStore("P21_SALES_LOCATION", "P21 sales_loc_id"
            + " given to the store's orders (default: BRIDGE_P21_SALES_LOCATION)", null, StoreSettings::parseId);
    public static final Setting<String> P21_SOURCE_LOCATION = perStore("P21_SOURCE_LOCATION", "P21 source_loc_id"
            + " (shipping location) given to the store's orders (default: BRIDGE_P21_SOURCE_LOCATION)", null,
            StoreSettings::parseId);
    public static final Setting<String> P21_TAKER = perStore("P21_TAKER", "P21 taker recorded on the store's"
            + " orders (default: BRIDGE_P21_TAKER)", null, StoreSettings::parseId);
    public static final Setting<List<String>> STOCK_LOCATIONS = perStore("STOCK_LOCATIONS", "comma list of the P21"
            + " location ids whose stock the store sells (default: BRIDGE_WEBSTORE_LOCATIONS, else every location)",
            List.of(), text -> {
                List<String> ids = Setting.list("x", "", null).parser().apply(text);
                ids.forEach(StoreSettings::parseId);
                return ids;
            });

    /** Read by the ingress's availability API (docs/availability.md); a store without one has no such API. */
    public static final Setting<String> AVAILABILITY_TOKEN = perStore("AVAILABILITY_TOKEN", "bearer token the"
            + " store's cart page sends to GET /stores/<name>/availability on the ingress (at least 16 characters,"
            + " no spaces); unset: the route answers 404 for the store", null, StoreSettings::parseToken);

    private static final String STORE_PREFIX = "BRIDGE_STORE_";
    private static final String NAME_PLACEHOLDER = "<NAME>";

    private StoreSettings() {
    }

    /** Every store, in the order {@code BRIDGE_STORES} names them. */
    public static List<Store> from(Environment env) {
        List<Store> stores = new ArrayList<>();
        env.get(STORES).forEach((name, platform) -> stores.add(store(env, name, platform)));
        return List.copyOf(stores);
    }

    /**
     * Every store with its own P21 defaults, without what only the ingress and the storefront-sink need (URL, token,
     * webhook secret): the transformer and the console read stores this way, so they start without those secrets.
     */
    public static List<Store> withDefaults(Environment env) {
        List<Store> stores = new ArrayList<>();
        env.get(STORES).forEach((name, platform) -> stores.add(new Store(name, platform, null, null, List.of(),
                StoreMode.WEBHOOK, POLL_INTERVAL.defaultValue(), POLL_OVERLAP.defaultValue(), defaults(env, name))));
        return List.copyOf(stores);
    }

    /** {@code setting} (one of the per-store constants) for the store {@code name}: its variable and parser. */
    public static <T> Setting<T> of(Setting<T> setting, String name) {
        return new Setting<>(setting.name().replace(NAME_PLACEHOLDER, variablePart(name)), setting.description(),
                setting.defaultValue(), setting.parser());
    }

    private static Store store(Environment env, String name, StorePlatform platform) {
        StoreMode mode = env.get(of(MODE, name));
        boolean isDefault = name.equals(platform.id());
        URI url = value(env, of(URL, name), isDefault ? Setting.url(platform.legacyPrefix() + "URL",
                "base URL of the " + platform.label() + " store", platform.devUrl()) : null, mode);
        String token = value(env, of(TOKEN, name), isDefault ? Setting.string(platform.legacyPrefix() + "TOKEN",
                platform.label() + " API token", platform.devToken()) : null, mode);
        Setting<List<String>> secret = of(WEBHOOK_SECRET, name);
        List<String> secrets = present(env, secret) ? env.get(secret)
                : isDefault ? env.get(Setting.list(platform.legacyPrefix() + "WEBHOOK_SECRET",
                        "secret " + platform.label() + " signs webhooks with", List.of())) : List.of();
        Duration interval = positive(env, of(POLL_INTERVAL, name));
        Duration overlap = env.get(of(POLL_OVERLAP, name));
        if (overlap.isNegative()) {
            throw new ConfigException(of(POLL_OVERLAP, name).name() + " is malformed (must not be negative): "
                    + POLL_OVERLAP.description());
        }
        return new Store(name, platform, url, token, secrets, mode, interval, overlap, defaults(env, name));
    }

    private static StoreDefaults defaults(Environment env, String name) {
        return new StoreDefaults(optional(env, of(P21_SALES_LOCATION, name)), optional(env, of(P21_SOURCE_LOCATION, name)),
                optional(env, of(P21_TAKER, name)), env.get(of(STOCK_LOCATIONS, name)));
    }

    /** The store's own value, else the platform's earlier one; required only of a polled store. */
    private static <T> T value(Environment env, Setting<T> own, Setting<T> legacy, StoreMode mode) {
        if (present(env, own)) {
            return env.get(own);
        }
        if (legacy != null) {
            return env.get(legacy);
        }
        if (mode.polls()) {
            throw new ConfigException(own.name() + " is not set (the store is polled): " + own.description());
        }
        return null;
    }

    private static <T> T optional(Environment env, Setting<T> setting) {
        return present(env, setting) ? env.get(setting) : null;
    }

    private static boolean present(Environment env, Setting<?> setting) {
        String raw = env.variables().get(setting.name());
        return raw != null && !raw.isBlank();
    }

    private static Duration positive(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must be positive): " + setting.description());
        }
        return value;
    }

    /** A P21 id as the sales order screen takes it: up to 40 printable characters without spaces. */
    static String parseId(String text) {
        String id = text.strip();
        if (id.isEmpty() || id.length() > 40 || !id.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("'" + id + "' is not a P21 id (1 to 40 printable characters, no spaces)");
        }
        return id;
    }

    static String parseToken(String text) {
        String token = text.strip();
        if (token.length() < 16) {
            throw new IllegalArgumentException("shorter than 16 characters");
        }
        if (!token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("only printable ASCII without spaces is allowed");
        }
        return token;
    }

    private static <T> Setting<T> perStore(String suffix, String description, T defaultValue,
                                           java.util.function.Function<String, T> parser) {
        return new Setting<>(STORE_PREFIX + NAME_PLACEHOLDER + "_" + suffix, description, defaultValue, parser);
    }

    private static String variablePart(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, StorePlatform> defaultStores() {
        Map<String, StorePlatform> stores = new LinkedHashMap<>();
        stores.put("xcart", StorePlatform.XCART);
        stores.put("clarity", StorePlatform.CLARITY);
        return java.util.Collections.unmodifiableMap(stores);
    }

    private static String article(String label) {
        return ("AEIOUX".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    static Map<String, StorePlatform> parseStores(String text) {
        Map<String, StorePlatform> stores = new LinkedHashMap<>();
        Set<String> variables = new HashSet<>();
        for (String entry : text.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + item + "' is not name:platform");
            }
            String name = parts[0].strip();
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException("store name '" + name + "' must be 1 to 32 lower-case letters,"
                        + " digits or '-', starting with a letter");
            }
            StorePlatform platform = StorePlatform.of(parts[1].strip());
            if (stores.put(name, platform) != null || !variables.add(variablePart(name))) {
                throw new IllegalArgumentException("store '" + name + "' is named twice");
            }
        }
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("must name at least one store");
        }
        // a store named as a platform takes that platform's earlier variables and keys: it must be of that platform
        stores.forEach((name, platform) -> {
            for (StorePlatform other : StorePlatform.values()) {
                if (name.equals(other.id()) && other != platform) {
                    throw new IllegalArgumentException("store '" + name + "' is named as the " + other.label()
                            + " platform but is " + article(platform.label()) + " store; give it another name");
                }
            }
        });
        return java.util.Collections.unmodifiableMap(stores);
    }
}
