package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to an order's money and goods after checkout: captures and refunds, returns, and the details the
 * bridge wrote. Kept inside the {@link Order}, so it persists and resets with it.
 *
 * @param authorized true when checkout only authorized the card, so the money is captured later; false for the
 *                   original behaviour, where a card order is paid at checkout (X-Cart's {@code sale})
 * @param declined   true when the card was declined at checkout: the store took nothing, will capture nothing and
 *                   did not count the goods as sold (false in state files written before declines existed)
 */
public record OrderCash(boolean authorized, List<PaymentTransaction> payments, List<OrderReturn> returns,
                        List<OrderDetail> details, boolean declined) {

    /** An order paid at checkout (or awaiting a purchase-order payment), nothing after. */
    public static final OrderCash SALE = new OrderCash(false, List.of(), List.of(), List.of());
    /** An order whose card was only authorized at checkout. */
    public static final OrderCash AUTHORIZED = new OrderCash(true, List.of(), List.of(), List.of());
    /** An order whose card payment was declined at checkout. */
    public static final OrderCash DECLINED = new OrderCash(false, List.of(), List.of(), List.of(), true);

    /** Money of an order whose payment was not declined. */
    public OrderCash(boolean authorized, List<PaymentTransaction> payments, List<OrderReturn> returns,
                     List<OrderDetail> details) {
        this(authorized, payments, returns, details, false);
    }

    public OrderCash {
        payments = payments == null ? List.of() : List.copyOf(payments);
        returns = returns == null ? List.of() : List.copyOf(returns);
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** The sum of the captures recorded after checkout. */
    public BigDecimal capturedAfterCheckout() {
        return sum(PaymentTransaction.Kind.CAPTURE);
    }

    public BigDecimal refunded() {
        return sum(PaymentTransaction.Kind.REFUND);
    }

    /** How many of this canonical SKU earlier returns took back. */
    public int returned(String canonicalSku) {
        return returns.stream().flatMap(r -> r.lines().stream())
                .filter(line -> ProductView.canonicalSku(line.sku()).equals(canonicalSku))
                .mapToInt(OrderReturn.Line::quantity).sum();
    }

    /** The value of the detail with this name, else null. */
    public String detail(String name) {
        return details.stream().filter(d -> d.name().equals(name)).map(OrderDetail::value).findFirst().orElse(null);
    }

    OrderCash with(PaymentTransaction payment) {
        List<PaymentTransaction> all = new ArrayList<>(payments);
        all.add(payment);
        return new OrderCash(authorized, all, returns, details, declined);
    }

    /** Adds {@code changed}, or replaces the return with its number. */
    OrderCash with(OrderReturn changed) {
        List<OrderReturn> all = new ArrayList<>(returns);
        all.removeIf(r -> r.number() == changed.number());
        all.add(changed);
        all.sort(java.util.Comparator.comparingLong(OrderReturn::number));
        return new OrderCash(authorized, payments, all, details, declined);
    }

    /** Adds {@code detail}, or replaces the one with its name in place. */
    OrderCash with(OrderDetail detail) {
        List<OrderDetail> all = new ArrayList<>(details);
        int at = all.stream().map(OrderDetail::name).toList().indexOf(detail.name());
        if (at < 0) {
            all.add(detail);
        } else {
            all.set(at, detail);
        }
        return new OrderCash(authorized, payments, returns, all, declined);
    }

    private BigDecimal sum(PaymentTransaction.Kind kind) {
        return payments.stream().filter(p -> p.kind() == kind).map(PaymentTransaction::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
