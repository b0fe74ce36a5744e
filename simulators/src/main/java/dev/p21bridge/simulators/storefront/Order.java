package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as a storefront keeps it, in neither source's shape: the {@link OrderGenerator} of each storefront renders
 * it. Money is in dollars at scale 2 and adds up: {@code subtotal + tax + shipping - discount = total}.
 *
 * @param taxRate          percent, as printed on the tax line
 * @param paymentReference card transaction id, or the PO number for purchase orders
 * @param carrier          set when shipped with a named carrier, else null
 * @param cash             captures, refunds, returns and details after checkout
 * @param risk             the shopper's IP and card, the gateway's fraud screen, and a risky order's pattern
 */
public record Order(String id, long number, Customer customer, Instant created, Instant updated, String status,
                    List<OrderLine> lines, BigDecimal subtotal, BigDecimal taxRate, BigDecimal tax, BigDecimal shipping,
                    String couponCode, BigDecimal discount, BigDecimal total, String shippingMethod, String paymentMethod,
                    String paymentReference, String notes, List<TrackingNumber> trackingNumbers, String carrier,
                    OrderCash cash, OrderRisk risk) {

    public Order {
        lines = List.copyOf(lines);
        trackingNumbers = List.copyOf(trackingNumbers);
        // state files written before captures and returns existed have none; most orders share the one empty record
        cash = cash == null || cash.equals(OrderCash.SALE) ? OrderCash.SALE : cash;
        // orders kept before risk signals existed have none
        risk = risk == null ? OrderRisk.NONE : risk;
    }

    public boolean purchaseOrder() {
        return paymentReference != null && paymentReference.startsWith("PO-");
    }

    Order withLines(List<OrderLine> newLines) {
        return new Order(id, number, customer, created, updated, status, newLines, subtotal, taxRate, tax, shipping,
                couponCode, discount, total, shippingMethod, paymentMethod, paymentReference, notes, trackingNumbers,
                carrier, cash, risk);
    }

    Order withStatus(String newStatus, Instant at) {
        return new Order(id, number, customer, created, at, newStatus, lines, subtotal, taxRate, tax, shipping,
                couponCode, discount, total, shippingMethod, paymentMethod, paymentReference, notes, trackingNumbers,
                carrier, cash, risk);
    }

    /**
     * This order with the quantities given by canonical SKU (0 removes the line), each changed line's tax at the
     * order's rate, and subtotal, tax and total recomputed; shipping and discount stay as they were.
     */
    Order withQuantities(java.util.Map<String, Integer> quantities, Instant at) {
        List<OrderLine> changed = new ArrayList<>();
        BigDecimal newSubtotal = BigDecimal.ZERO.setScale(2);
        BigDecimal newTax = BigDecimal.ZERO.setScale(2);
        for (OrderLine line : lines) {
            Integer quantity = quantities.get(ProductView.canonicalSku(line.sku()));
            OrderLine next = quantity == null ? line : new OrderLine(line.itemId(), line.productId(), line.sku(),
                    line.name(), line.price(), quantity, 0, OrderGenerator.cents(line.price()
                    .multiply(BigDecimal.valueOf(quantity)).multiply(taxRate).divide(BigDecimal.valueOf(100))));
            if (next.quantity() > 0) {
                changed.add(next);
                newSubtotal = newSubtotal.add(next.amount());
                newTax = newTax.add(next.tax());
            }
        }
        newSubtotal = OrderGenerator.cents(newSubtotal);
        BigDecimal newTotal = newSubtotal.add(newTax).add(shipping).subtract(discount);
        return new Order(id, number, customer, created, at, status, changed, newSubtotal, taxRate, newTax, shipping,
                couponCode, discount, newTotal, shippingMethod, paymentMethod, paymentReference, notes,
                trackingNumbers, carrier, cash, risk);
    }

    Order withTracking(TrackingNumber added, String newCarrier, Instant at) {
        List<TrackingNumber> all = new ArrayList<>(trackingNumbers);
        if (added != null) {
            all.add(added);
        }
        return new Order(id, number, customer, created, at, status, lines, subtotal, taxRate, tax, shipping,
                couponCode, discount, total, shippingMethod, paymentMethod, paymentReference, notes, all,
                newCarrier == null ? carrier : newCarrier, cash, risk);
    }

    Order withCash(OrderCash newCash) {
        return new Order(id, number, customer, created, updated, status, lines, subtotal, taxRate, tax, shipping,
                couponCode, discount, total, shippingMethod, paymentMethod, paymentReference, notes, trackingNumbers,
                carrier, newCash, risk);
    }

    Order withRisk(OrderRisk newRisk) {
        return new Order(id, number, customer, created, updated, status, lines, subtotal, taxRate, tax, shipping,
                couponCode, discount, total, shippingMethod, paymentMethod, paymentReference, notes, trackingNumbers,
                carrier, cash, newRisk);
    }

    /** A card order whose payment was declined at checkout: nothing was or will be captured. */
    public boolean declined() {
        return cash.declined();
    }

    /** A card order of the original checkout: the store took the whole total at checkout (X-Cart's {@code sale}). */
    public boolean paidAtCheckout() {
        return !cash.authorized() && !cash.declined() && !purchaseOrder();
    }

    /** What the store took: the total when paid at checkout, plus every later capture; refunds not deducted. */
    public BigDecimal captured() {
        BigDecimal atCheckout = paidAtCheckout() ? total : BigDecimal.ZERO.setScale(2);
        return atCheckout.add(cash.capturedAfterCheckout());
    }

    /** What can still be captured; never negative (an edit may have lowered the total), nothing once declined. */
    public BigDecimal uncaptured() {
        if (cash.declined()) {
            return BigDecimal.ZERO.setScale(2);
        }
        return total.subtract(captured()).max(BigDecimal.ZERO.setScale(2));
    }

    public BigDecimal refunded() {
        return cash.refunded();
    }

    boolean hasTracking(String value) {
        return trackingNumbers.stream().anyMatch(t -> t.value().equals(value));
    }
}
