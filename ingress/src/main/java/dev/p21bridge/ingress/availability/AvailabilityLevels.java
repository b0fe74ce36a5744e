package dev.p21bridge.ingress.availability;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.StockLocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest level of every SKU of {@code canonical.inventory}, in memory, for lookups in microseconds on any
 * request thread. A level replaces the held one only when it changed as late or later, the storefront-sink's rule
 * ({@code CatalogUpdate.supersedes}), so a level replayed out of order never takes a SKU back; a tombstone removes
 * the SKU. At most {@code maxSkus} SKUs are held: a new SKU beyond them is refused and counted, so a runaway topic
 * cannot exhaust the ingress's heap, which also takes webhooks.
 */
public final class AvailabilityLevels {

    private final int maxSkus;
    private final Map<String, SkuLevel> levels = new ConcurrentHashMap<>();
    /** Location ids are a handful of strings repeated under every SKU: one instance each. */
    private final Map<String, String> locationIds = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    public AvailabilityLevels(int maxSkus) {
        this.maxSkus = maxSkus;
    }

    /** Takes a record of {@code canonical.inventory}: {@code level} null is a tombstone. Called by one thread. */
    public void apply(String sku, InventoryLevel level) {
        if (sku == null) {
            return;
        }
        if (level == null) {
            levels.remove(sku);
            return;
        }
        SkuLevel next = of(level);
        SkuLevel held = levels.get(sku);
        if (held == null && levels.size() >= maxSkus) {
            refused.incrementAndGet();
            return;
        }
        if (held == null || next.changedAt() >= held.changedAt()) {
            levels.put(sku, next);
        }
    }

    /** The SKU's level, or null when {@code canonical.inventory} has none (or it was refused). */
    public SkuLevel get(String sku) {
        return levels.get(sku);
    }

    public int size() {
        return levels.size();
    }

    /** SKUs refused because {@code maxSkus} were held. */
    public long refused() {
        return refused.get();
    }

    private SkuLevel of(InventoryLevel level) {
        Map<String, Long> byLocation = new HashMap<>();
        for (StockLocation location : level.getLocations()) {
            String id = locationIds.computeIfAbsent(location.getLocationId(), key -> key);
            byLocation.merge(id, units(location.getAvailable()), Long::sum);
        }
        return new SkuLevel(units(level.getAvailable()), level.getChangedAt().toEpochMilli(), byLocation,
                level.getReserved().setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    /** Whole units, rounded down, never below 0; capped at what a long holds (decimal(18,4) always fits). */
    static long units(BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            return 0;
        }
        return quantity.setScale(0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
    }
}
