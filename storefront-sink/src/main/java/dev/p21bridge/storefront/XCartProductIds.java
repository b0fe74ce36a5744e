package dev.p21bridge.storefront;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * X-Cart's SKU-to-product-id map. X-Cart 5.5's product resource has no SKU filter, so the map is built once by
 * paging through {@code GET /api/products} and kept; it is built again when a SKU is not in it, at most once per
 * {@link #REFRESH_EVERY}, so a stream of updates for SKUs the store does not sell cannot turn into a stream of full
 * catalogue reads. SKUs are matched without regard to case or surrounding blanks.
 */
final class XCartProductIds {

    static final Duration REFRESH_EVERY = Duration.ofMinutes(1);

    private final Supplier<Map<String, Integer>> loader;
    private final Clock clock;
    private volatile Map<String, Integer> ids;
    private Instant loadedAt = Instant.MIN;

    /** @param loader reads the whole catalogue, SKU to product id; throws a {@link StorefrontCallException} on failure */
    XCartProductIds(Supplier<Map<String, Integer>> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** The product id of {@code sku}; empty when X-Cart does not sell it, even after a permitted refresh. */
    OptionalInt idOf(String sku) {
        String wanted = normalize(sku);
        Map<String, Integer> current = ids;
        if (current != null && current.containsKey(wanted)) {
            return OptionalInt.of(current.get(wanted));
        }
        synchronized (this) {
            if (ids == null || ids == current && !clock.instant().isBefore(loadedAt.plus(REFRESH_EVERY))) {
                load();
            }
            Integer id = ids.get(wanted);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }
    }

    /** X-Cart answered 404 for the product: it was deleted, so the next unknown SKU may reload the map. */
    synchronized void forget(String sku) {
        if (ids != null && ids.containsKey(normalize(sku))) {
            Map<String, Integer> copy = new HashMap<>(ids);
            copy.remove(normalize(sku));
            ids = Map.copyOf(copy);
        }
    }

    private void load() {
        Map<String, Integer> loaded = loader.get();
        Map<String, Integer> normalized = new HashMap<>();
        loaded.forEach((sku, id) -> normalized.put(normalize(sku), id));
        ids = Map.copyOf(normalized);
        loadedAt = clock.instant();
    }

    static String normalize(String sku) {
        return sku == null ? "" : sku.strip().toUpperCase(Locale.ROOT);
    }
}
