package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;

/**
 * One line of an order. {@code sku} is spelled as the storefront sent it (Clarity's can be lower case or carry
 * blanks); {@code tax} is this line's share of the sales tax, rounded to the cent.
 */
public record OrderLine(long itemId, int productId, String sku, String name, BigDecimal price, int quantity,
                        int backordered, BigDecimal tax) {

    public BigDecimal amount() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }

    OrderLine placed(long newItemId, int newBackordered) {
        return new OrderLine(newItemId, productId, sku, name, price, quantity, newBackordered, tax);
    }
}
