package dev.p21bridge.p21;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import java.util.Map;

/**
 * What a P21 tenant sets up for web orders and the storefront cannot know: the carrier ({@code carrier_id}) for each
 * storefront shipping method, the other-charge item web discounts are booked to, and the terms code of an order
 * the shopper paid at checkout. See docs/p21-orders.md for why each takes this form.
 *
 * @param shipVia         storefront shipping method (case-insensitive) to P21 carrier id
 * @param defaultShipVia  the carrier of a method the map does not name
 * @param discountItemId  an item with P21's other-charge flag; a discount is one line of it at a negative price
 * @param prepaidTerms    terms of an order paid by card at checkout (no terms of its own)
 * @param terms           storefront payment terms (case-insensitive) to P21 terms code; terms it does not name are
 *                        sent as the storefront wrote them
 */
public record OrderMapping(Map<String, String> shipVia, String defaultShipVia, String discountItemId,
                           String prepaidTerms, Map<String, String> terms) {

    public static final Setting<Map<String, String>> SHIP_VIA_MAP = new Setting<>("BRIDGE_P21_SHIP_VIA_MAP",
            "storefront shipping method to P21 carrier id, as 'Method=CARRIER,...'",
            parseShipVia("UPS Ground=UPSG,UPS Next Day Air=UPSNDA,FedEx 2Day=FDX2D,LTL Freight=LTL,Will Call=WILLCALL"),
            OrderMapping::parseShipVia);
    public static final Setting<Map<String, String>> TERMS_MAP = new Setting<>("BRIDGE_P21_TERMS_MAP",
            "storefront payment terms to P21 terms code, as 'Terms=CODE,...'; terms it does not name are sent as the"
                    + " storefront wrote them", Map.of(), text -> NamedCodes.parse(text, "Terms=CODE", true));
    public static final Setting<String> DEFAULT_SHIP_VIA = Setting.string("BRIDGE_P21_DEFAULT_SHIP_VIA",
            "P21 carrier id of a shipping method the map does not name", "BESTWAY");
    public static final Setting<String> DISCOUNT_ITEM = Setting.string("BRIDGE_P21_DISCOUNT_ITEM",
            "P21 other-charge item that carries a web order's discount as a negative line", "WEB-DISCOUNT");
    public static final Setting<String> PREPAID_TERMS = Setting.string("BRIDGE_P21_PREPAID_TERMS",
            "P21 terms code of an order paid by card at checkout", "PREPAID");

    public OrderMapping {
        shipVia = NamedCodes.normalized(shipVia);
        terms = NamedCodes.normalized(terms);
        require(defaultShipVia, "defaultShipVia");
        require(discountItemId, "discountItemId");
        require(prepaidTerms, "prepaidTerms");
    }

    /** The mapping before payment terms were mapped: terms are sent as the storefront wrote them. */
    public OrderMapping(Map<String, String> shipVia, String defaultShipVia, String discountItemId,
                        String prepaidTerms) {
        this(shipVia, defaultShipVia, discountItemId, prepaidTerms, Map.of());
    }

    /** Every setting at its default. */
    public static OrderMapping defaults() {
        return new OrderMapping(SHIP_VIA_MAP.defaultValue(), DEFAULT_SHIP_VIA.defaultValue(),
                DISCOUNT_ITEM.defaultValue(), PREPAID_TERMS.defaultValue(), TERMS_MAP.defaultValue());
    }

    public static OrderMapping from(Environment env) {
        return new OrderMapping(env.get(SHIP_VIA_MAP), env.get(DEFAULT_SHIP_VIA), env.get(DISCOUNT_ITEM),
                env.get(PREPAID_TERMS), env.get(TERMS_MAP));
    }

    /** The carrier for a storefront shipping method; the default one when the method is unknown or missing. */
    public String carrierFor(String shippingMethod) {
        return NamedCodes.codeOf(shipVia, shippingMethod, defaultShipVia);
    }

    /** The P21 terms code of storefront terms: the map's, else the terms as written. */
    public String termsCodeFor(String storefrontTerms) {
        return NamedCodes.codeOf(terms, storefrontTerms, storefrontTerms);
    }

    static Map<String, String> parseShipVia(String text) {
        return NamedCodes.parse(text, "Method=CARRIER", false);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
