package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A product as the storefront shows it. {@code amount} is the stock on hand (X-Cart's name for it); {@code id} is
 * the storefront's own product id, 1..n in catalogue order.
 */
public record ProductView(int id, String sku, String name, BigDecimal price, int amount, boolean enabled) {

    public ProductView withAmount(int newAmount) {
        return new ProductView(id, sku, name, price, newAmount, enabled);
    }

    public ProductView withPrice(BigDecimal newPrice) {
        return new ProductView(id, sku, name, newPrice, amount, enabled);
    }

    /** The form SKUs are looked up by: storefront users type them in any case, with stray blanks. */
    public static String canonicalSku(String sku) {
        return sku == null ? "" : sku.strip().toUpperCase(Locale.ROOT);
    }
}
