package dev.p21bridge.storefront;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stores the sink knows, by name, in the order {@code BRIDGE_STORES} names them: it resolves an order key
 * {@code <store>:<order id>} to its store, so each store's shipments, statuses and invoices reach that store alone.
 */
public final class Storefronts {

    /** The stores of an installation that names none: {@code xcart} and {@code clarity}. */
    public static final Storefronts DEFAULT = new Storefronts(List.of(Storefront.XCART, Storefront.CLARITY));

    private final Map<String, Storefront> byName = new LinkedHashMap<>();

    public Storefronts(Collection<Storefront> storefronts) {
        storefronts.forEach(s -> {
            if (byName.put(s.id(), s) != null) {
                throw new IllegalArgumentException("store '" + s.id() + "' is named twice");
            }
        });
    }

    /** The stores of {@code BRIDGE_STORES}. */
    public static Storefronts from(Environment env) {
        return of(StoreSettings.from(env));
    }

    public static Storefronts of(List<Store> stores) {
        return new Storefronts(stores.stream().map(Storefront::of).toList());
    }

    /** Every store, in the configured order. */
    public List<Storefront> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Storefront> named(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.strip()));
    }

    /** The store an order key names; empty when it names none of these (or is no order key). */
    public Optional<Storefront> ofOrderKey(String orderKey) {
        return Storefront.storeOf(orderKey).flatMap(this::named);
    }

    /** The stores' names, comma-separated, for messages. */
    public String names() {
        return String.join(", ", byName.keySet());
    }

    /** The dead-letter message of an order key naming none of these stores: what to check, where. */
    public String unknownOrderKey(String orderKey) {
        return "order key '" + orderKey + "' names no storefront this sink writes to (expected <store>:<order id>"
                + " with a store of BRIDGE_STORES: " + names() + ")";
    }

    @Override
    public String toString() {
        return byName.keySet().stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
