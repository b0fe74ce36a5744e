package dev.p21bridge.transformer.normalize;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreDefaults;
import dev.p21bridge.schemas.P21OrderDefaults;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What P21 requires on a sales order that no storefront sends, from configuration. The requested date is the order
 * date (UTC) plus {@code requestedDateOffsetDays}, never less than one day, because P21 refuses a requested date
 * that is not after the order date. A store of {@code BRIDGE_STORES} may have its own locations and taker
 * ({@link StoreDefaults}); {@link #forStore} gives its orders' defaults.
 *
 * @param stores the stores' own defaults by store name; a store not in it keeps these
 */
public record P21Defaults(String salesLocationId, String sourceLocationId, String taker, int requestedDateOffsetDays,
                          Map<String, StoreDefaults> stores) {

    public P21Defaults {
        if (requestedDateOffsetDays < 1) {
            throw new IllegalArgumentException("requestedDateOffsetDays must be at least 1: P21 wants requested_date after order_date");
        }
        stores = Map.copyOf(stores);
    }

    /** The same defaults for every store. */
    public P21Defaults(String salesLocationId, String sourceLocationId, String taker, int requestedDateOffsetDays) {
        this(salesLocationId, sourceLocationId, taker, requestedDateOffsetDays, Map.of());
    }

    /** These defaults with each store's own values of {@code stores}. */
    public P21Defaults withStores(List<Store> stores) {
        Map<String, StoreDefaults> own = new HashMap<>();
        stores.forEach(store -> own.put(store.name(), store.defaults()));
        return new P21Defaults(salesLocationId, sourceLocationId, taker, requestedDateOffsetDays, own);
    }

    /** The defaults of the store {@code name}'s orders: its own values where it has them, else these. */
    public P21Defaults forStore(String name) {
        StoreDefaults own = stores.get(name);
        if (own == null || own.equals(StoreDefaults.NONE)) {
            return this;
        }
        return new P21Defaults(StoreDefaults.or(own.salesLocationId(), salesLocationId),
                StoreDefaults.or(own.sourceLocationId(), sourceLocationId), StoreDefaults.or(own.taker(), taker),
                requestedDateOffsetDays, Map.of());
    }

    public P21OrderDefaults forOrderDate(Instant orderDate) {
        return P21OrderDefaults.newBuilder()
                .setSalesLocationId(salesLocationId)
                .setSourceLocationId(sourceLocationId)
                .setTaker(taker)
                .setRequestedDate(orderDate.atZone(ZoneOffset.UTC).toLocalDate().plusDays(requestedDateOffsetDays))
                // set, not left to the builder: Avro copies a field's default through its schema on every build
                .setSalesRepId(null)
                .setShipViaId(null)
                .build();
    }
}
