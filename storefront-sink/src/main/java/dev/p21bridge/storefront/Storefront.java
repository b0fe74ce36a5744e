package dev.p21bridge.storefront;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import java.util.List;
import java.util.Optional;

/**
 * One store the sink writes to (a store of {@code BRIDGE_STORES}, CONTRACT section 10). Its {@link #id()} is the
 * store's name: the prefix of its order keys ({@code ca:10452}), a value of {@code BRIDGE_STOREFRONTS}, the
 * {@code storefront} tag of every metric and part of the last-written keys. The default stores are named as their
 * platform ({@link #XCART}, {@link #CLARITY}), so their keys, tags and messages are those of the versions before
 * stores. Two storefronts are the same when their names are.
 */
public final class Storefront {

    /** The default X-Cart store, {@code xcart}, selling the bridge-wide stock. */
    public static final Storefront XCART = new Storefront("xcart", StorePlatform.XCART, List.of());
    /** The default Clarity store, {@code clarity}, selling the bridge-wide stock. */
    public static final Storefront CLARITY = new Storefront("clarity", StorePlatform.CLARITY, List.of());

    private final String name;
    private final StorePlatform platform;
    private final List<String> stockLocations;

    /**
     * @param stockLocations the P21 locations whose stock the store sells; empty: the bridge-wide set, i.e. the
     *                       level's {@code available} as it is
     */
    public Storefront(String name, StorePlatform platform, List<String> stockLocations) {
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new IllegalArgumentException("a store name is not blank and has no ':', got '" + name + "'");
        }
        this.name = name;
        this.platform = platform;
        this.stockLocations = List.copyOf(stockLocations);
    }

    /** The storefront of a configured store, with its own stock locations when it has them. */
    public static Storefront of(Store store) {
        return new Storefront(store.name(), store.platform(), store.defaults().stockLocations());
    }

    /** The store's name. */
    public String id() {
        return name;
    }

    public StorePlatform platform() {
        return platform;
    }

    /** The P21 locations whose stock the store sells; empty when it sells the bridge-wide set. */
    public List<String> stockLocations() {
        return stockLocations;
    }

    /**
     * How operators name it in dead-letter messages and logs: the platform's name for a default store
     * ({@code X-Cart}), else the platform and the store ({@code X-Cart store 'ca'}).
     */
    public String displayName() {
        return name.equals(platform.id()) ? platform.label() : platform.label() + " store '" + name + "'";
    }

    /**
     * The store name an order key ({@code <store>:<order id>}, what P21 keeps in {@code web_reference_no}) starts
     * with; empty when there is no colon, nothing before it or no order id after it.
     */
    public static Optional<String> storeOf(String orderKey) {
        int colon = orderKey == null ? -1 : orderKey.indexOf(':');
        if (colon <= 0 || colon == orderKey.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(orderKey.substring(0, colon));
    }

    /** The storefront's own order id in an order key: everything after the first colon. */
    public static String orderIdOf(String orderKey) {
        return orderKey.substring(orderKey.indexOf(':') + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Storefront that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
