package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A product as the storefront shows it. {@code amount} is the stock on hand (X-Cart's name for it); {@code id} is
 * the storefront's own product id, 1..n in catalogue order; {@code description} is the product's long description,
 * null until written.
 */
public record ProductView(int id, String sku, String name, BigDecimal price, int amount, boolean enabled,
                          String description) {

    /** A product with no description of its own yet (null until one is written through the API). */
    public ProductView(int id, String sku, String name, BigDecimal price, int amount, boolean enabled) {
        this(id, sku, name, price, amount, enabled, null);
    }

    public ProductView withAmount(int newAmount) {
        return new ProductView(id, sku, name, price, newAmount, enabled, description);
    }

    public ProductView withPrice(BigDecimal newPrice) {
        return new ProductView(id, sku, name, newPrice, amount, enabled, description);
    }

    public ProductView withDescription(String newDescription) {
        return new ProductView(id, sku, name, price, amount, enabled, newDescription);
    }

    /** The form SKUs are looked up by: storefront users type them in any case, with stray blanks. */
    public static String canonicalSku(String sku) {
        return sku == null ? "" : sku.strip().toUpperCase(Locale.ROOT);
    }
}
