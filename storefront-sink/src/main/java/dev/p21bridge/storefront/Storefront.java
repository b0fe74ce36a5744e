package dev.p21bridge.storefront;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The storefronts the sink writes to. The {@link #id()} is the prefix of an order key ({@code xcart:10452}), the
 * value of {@code BRIDGE_STOREFRONTS} and the {@code storefront} tag of every metric.
 */
public enum Storefront {
    XCART("xcart", "X-Cart"),
    CLARITY("clarity", "Clarity");

    private final String id;
    private final String displayName;

    Storefront(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String id() {
        return id;
    }

    /** How operators name it, used in dead-letter messages. */
    public String displayName() {
        return displayName;
    }

    public static Optional<Storefront> byId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /**
     * The storefront an order key ({@code <source>:<order id>}, what P21 keeps in {@code web_reference_no}) names;
     * empty when the prefix is not a storefront or there is no order id after it.
     */
    public static Optional<Storefront> ofOrderKey(String orderKey) {
        int colon = orderKey == null ? -1 : orderKey.indexOf(':');
        if (colon <= 0 || colon == orderKey.length() - 1) {
            return Optional.empty();
        }
        return byId(orderKey.substring(0, colon));
    }

    /** The storefront's own order id in an order key: everything after the first colon. */
    public static String orderIdOf(String orderKey) {
        return orderKey.substring(orderKey.indexOf(':') + 1);
    }
}
