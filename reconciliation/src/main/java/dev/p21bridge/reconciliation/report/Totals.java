package dev.p21bridge.reconciliation.report;

import dev.p21bridge.reconciliation.Money;
import dev.p21bridge.schemas.OrderReconciliation;
import java.math.BigDecimal;

/** Sums over a group of orders (a day, a store, the whole report). */
public record Totals(int orders, int balanced, int withDifferences, int differences, BigDecimal storefrontTotal,
                     BigDecimal captured, BigDecimal refunded, BigDecimal p21Receipts, BigDecimal invoiced,
                     BigDecimal credited) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
            Money.ZERO);

    public Totals plus(OrderReconciliation order) {
        boolean balanced = order.getDifferences().isEmpty();
        return new Totals(orders + 1, this.balanced + (balanced ? 1 : 0), withDifferences + (balanced ? 0 : 1),
                differences + order.getDifferences().size(), storefrontTotal.add(Money.of(order.getStorefrontTotal())),
                captured.add(order.getCaptured()), refunded.add(order.getRefunded()),
                p21Receipts.add(order.getP21ReceiptsNet()), invoiced.add(order.getInvoiceTotal()),
                credited.add(order.getCreditTotal()));
    }
}
