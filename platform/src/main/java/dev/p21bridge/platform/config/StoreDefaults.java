package dev.p21bridge.platform.config;

import java.util.List;
import java.util.Set;

/**
 * What P21 gives one store's orders and which P21 stock it sells, where the store differs from the bridge-wide
 * settings: a US store ships from location 10 with taker {@code WEB-US}, a Canadian one from 20 with {@code WEB-CA}.
 * A null value (an empty list for the locations) means the bridge-wide setting ({@code BRIDGE_P21_SALES_LOCATION},
 * {@code BRIDGE_P21_SOURCE_LOCATION}, {@code BRIDGE_P21_TAKER}, {@code BRIDGE_WEBSTORE_LOCATIONS}), so a store without
 * its own values behaves as every store did before stores had them.
 *
 * @param salesLocationId  P21 {@code sales_loc_id} of the store's orders, or null
 * @param sourceLocationId P21 {@code source_loc_id} (the shipping location) of the store's orders, or null
 * @param taker            P21 taker recorded on the store's orders, or null
 * @param stockLocations   the P21 locations whose stock this store sells; empty: the bridge-wide set
 */
public record StoreDefaults(String salesLocationId, String sourceLocationId, String taker, List<String> stockLocations) {

    /** A store that keeps every bridge-wide setting. */
    public static final StoreDefaults NONE = new StoreDefaults(null, null, null, List.of());

    public StoreDefaults {
        stockLocations = List.copyOf(stockLocations);
    }

    /** Whether this store counts {@code locationId}'s stock, given the bridge-wide set (empty: every location). */
    public boolean sellsFrom(String locationId, Set<String> bridgeWide) {
        if (!stockLocations.isEmpty()) {
            return stockLocations.contains(locationId);
        }
        return bridgeWide.isEmpty() || bridgeWide.contains(locationId);
    }

    /** This store's value, else the bridge-wide one. */
    public static String or(String own, String bridgeWide) {
        return own != null ? own : bridgeWide;
    }
}
