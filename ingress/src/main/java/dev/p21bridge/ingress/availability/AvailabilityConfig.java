package dev.p21bridge.ingress.availability;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the availability API (docs/availability.md): which stores may ask, each with its own bearer token
 * ({@code BRIDGE_STORE_<NAME>_AVAILABILITY_TOKEN}), and how many SKUs the ingress keeps in memory to answer them.
 * {@link #toString()} shows which stores are enabled, never a token.
 *
 * @param stores  every store of {@code BRIDGE_STORES}, in their order
 * @param tokens  the token of each store that has one; a store without one has no availability API
 * @param maxSkus the most SKUs held in memory; further SKUs are answered unknown (a bound on the ingress's heap)
 * @param stockLocations the P21 locations each store sells from, where it has its own (docs/stores.md)
 */
public record AvailabilityConfig(List<String> stores, Map<String, String> tokens, int maxSkus,
                                 Map<String, List<String>> stockLocations) {

    public static final Setting<Integer> MAX_SKUS = Setting.integer("BRIDGE_AVAILABILITY_MAX_SKUS",
            "most SKUs the ingress keeps in memory for the availability API (about 0.5 KB each with a few locations);"
                    + " SKUs beyond it are answered unknown and counted in availability.skus.refused", 250_000, 1,
            10_000_000);

    public AvailabilityConfig {
        stores = List.copyOf(stores);
        tokens = Map.copyOf(tokens);
        stockLocations = Map.copyOf(stockLocations);
    }

    /** Without stores that sell from their own locations. */
    public AvailabilityConfig(List<String> stores, Map<String, String> tokens, int maxSkus) {
        this(stores, tokens, maxSkus, Map.of());
    }

    /** The locations {@code store} sells from; empty: the bridge-wide ones. */
    public List<String> stockLocations(String store) {
        return stockLocations.getOrDefault(store, List.of());
    }

    /** Reads the tokens of every store of {@code BRIDGE_STORES}; a malformed one throws naming its variable. */
    public static AvailabilityConfig from(Environment env) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, List<String>> locations = new LinkedHashMap<>();
        List<String> stores = new java.util.ArrayList<>();
        for (Store defined : StoreSettings.withDefaults(env)) {
            String store = defined.name();
            stores.add(store);
            if (!defined.defaults().stockLocations().isEmpty()) {
                locations.put(store, defined.defaults().stockLocations());
            }
            Setting<String> token = StoreSettings.of(StoreSettings.AVAILABILITY_TOKEN, store);
            String raw = env.variables().get(token.name());
            if (raw != null && !raw.isBlank()) {
                tokens.put(store, env.get(token));
            }
        }
        return new AvailabilityConfig(stores, tokens, env.get(MAX_SKUS), locations);
    }

    /** Whether any store may ask: only then does the ingress read {@code canonical.inventory}. */
    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /** The variable that enables the API for {@code store}, for the message of a store without a token. */
    public static String tokenVariable(String store) {
        return StoreSettings.of(StoreSettings.AVAILABILITY_TOKEN, store).name();
    }

    @Override
    public String toString() {
        return "AvailabilityConfig[stores=" + stores + ", enabled for " + tokens.keySet() + " (tokens hidden),"
                + " maxSkus=" + maxSkus + "]";
    }
}
