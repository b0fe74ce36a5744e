package dev.p21bridge.reconciliation;

import dev.p21bridge.reconciliation.OrderLedger.InvoiceEntry;
import dev.p21bridge.reconciliation.OrderLedger.Receipt;
import dev.p21bridge.reconciliation.OrderLedger.Transaction;
import dev.p21bridge.reconciliation.Reconciliation.Difference;
import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.PaymentKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An order's ledger to its reconciliation: the sums and every difference, computed from the whole ledger each time,
 * so the answer depends only on what is known, never on the order records arrived in. docs/reconciliation.md says what
 * each reason means; amounts are compared to the cent.
 */
public final class Reconciler {

    private Reconciler() {
    }

    public static Reconciliation reconcile(OrderLedger ledger) {
        BigDecimal captured = sum(ledger.transactions().values().stream()
                .filter(t -> t.kind() == PaymentKind.CAPTURE).map(Transaction::amount).toList());
        BigDecimal refunded = sum(ledger.transactions().values().stream()
                .filter(t -> t.kind() == PaymentKind.REFUND).map(t -> t.amount().abs()).toList());
        BigDecimal netPaid = captured.subtract(refunded);
        BigDecimal receiptsNet = sum(live(ledger).stream().map(Map.Entry::getValue).map(Receipt::amount).toList());
        List<Map.Entry<String, InvoiceEntry>> invoices = invoices(ledger, kind -> kind == InvoiceKind.INVOICE);
        List<Map.Entry<String, InvoiceEntry>> credits = invoices(ledger, kind -> kind == InvoiceKind.CREDIT_MEMO);
        BigDecimal invoiceTotal = sum(invoices.stream().map(e -> e.getValue().total()).toList());
        BigDecimal creditTotal = sum(credits.stream().map(e -> e.getValue().total().abs()).toList());
        boolean noP21Order = ledger.confirmation() == null || ledger.confirmation().skipped();

        List<Difference> differences = new ArrayList<>();
        ledger.transactions().forEach((id, transaction) -> transaction(ledger, id, transaction, noP21Order, differences));
        unknownReceipts(ledger, differences);
        if (creditTotal.signum() != 0 && !Money.sameCent(creditTotal, refunded)) {
            differences.add(new Difference(DifferenceReason.REFUND_NOT_APPLIED, null, creditTotal.subtract(refunded),
                    "P21 credit memos " + numbers(credits) + " credit " + Money.text(creditTotal)
                            + " but the storefront refunded " + Money.text(refunded) + "."));
        }
        if (ledger.storefrontTotal() != null && !invoices.isEmpty()
                && !Money.sameCent(invoiceTotal, ledger.storefrontTotal())) {
            differences.add(new Difference(DifferenceReason.INVOICE_DIFFERS, invoices.size() == 1
                    ? invoices.get(0).getKey() : null, invoiceTotal.subtract(ledger.storefrontTotal()),
                    "P21 invoices " + numbers(invoices) + " total " + Money.text(invoiceTotal)
                            + "; the storefront order total is " + Money.text(ledger.storefrontTotal()) + "."));
        }
        if (noP21Order && !Money.sameCent(netPaid, Money.ZERO)) {
            String why = ledger.confirmation() == null ? "no order confirmation came from the p21-sink"
                    : "the p21-sink skipped the order: " + ledger.confirmation().skippedReason();
            differences.add(new Difference(DifferenceReason.NO_P21_ORDER, null, netPaid,
                    Money.text(netPaid) + " was paid but P21 has no order for it (" + why + ")."));
        }
        String p21OrderNo = noP21Order ? null : ledger.confirmation().p21OrderNo();
        String skippedReason = ledger.confirmation() == null ? null : ledger.confirmation().skippedReason();
        return new Reconciliation(ledger.orderKey(), ledger.store(), ledger.orderDate(), ledger.currency(),
                ledger.storefrontTotal(), captured, refunded, netPaid, p21OrderNo, skippedReason, receiptsNet,
                invoiceTotal, creditTotal, differences);
    }

    /**
     * One storefront transaction against the live receipts carrying its id. Without a P21 order no receipt can be
     * expected: NO_P21_ORDER says so once for the order instead of MISSING_IN_P21 for each transaction.
     */
    private static void transaction(OrderLedger ledger, String id, Transaction transaction, boolean noP21Order,
                                    List<Difference> differences) {
        String what = "Storefront " + (transaction.kind() == PaymentKind.REFUND ? "refund " : "capture ") + id
                + " of " + Money.text(transaction.amount());
        List<Map.Entry<String, Receipt>> carrying = live(ledger).stream()
                .filter(e -> id.equals(e.getValue().transactionId())).toList();
        if (carrying.isEmpty()) {
            if (!noP21Order) {
                List<String> voided = ledger.receipts().entrySet().stream()
                        .filter(e -> e.getValue().deleted() && id.equals(e.getValue().transactionId()))
                        .map(Map.Entry::getKey).toList();
                differences.add(new Difference(DifferenceReason.MISSING_IN_P21, id, transaction.amount(), what
                        + " has no live P21 receipt" + (voided.isEmpty() ? "" : "; receipt " + String.join(", ", voided)
                        + (voided.size() == 1 ? " was" : " were") + " voided in P21") + "."));
            }
        } else if (carrying.size() > 1) {
            BigDecimal total = sum(carrying.stream().map(e -> e.getValue().amount()).toList());
            differences.add(new Difference(DifferenceReason.PAID_TWICE, id, total.subtract(transaction.amount()), what
                    + " has " + carrying.size() + " live P21 receipts " + numbers(carrying) + " totalling "
                    + Money.text(total) + "."));
        } else {
            Map.Entry<String, Receipt> receipt = carrying.get(0);
            if (!Money.sameCent(receipt.getValue().amount(), transaction.amount())) {
                differences.add(new Difference(DifferenceReason.AMOUNT_DIFFERS, id,
                        receipt.getValue().amount().subtract(transaction.amount()), "P21 receipt " + receipt.getKey()
                        + " records " + Money.text(receipt.getValue().amount()) + " for " + what.substring(0, 1)
                        .toLowerCase() + what.substring(1) + "."));
            }
        }
    }

    private static void unknownReceipts(OrderLedger ledger, List<Difference> differences) {
        for (Map.Entry<String, Receipt> entry : live(ledger)) {
            String transactionId = entry.getValue().transactionId();
            if (transactionId == null || !ledger.transactions().containsKey(transactionId)) {
                differences.add(new Difference(DifferenceReason.UNKNOWN_RECEIPT, entry.getKey(),
                        entry.getValue().amount(), "P21 receipt " + entry.getKey() + " of "
                        + Money.text(entry.getValue().amount()) + (transactionId == null
                        ? " carries no storefront transaction id (entered in P21 by hand)."
                        : " carries transaction id " + transactionId + ", which no storefront transaction has.")));
            }
        }
    }

    private static List<Map.Entry<String, Receipt>> live(OrderLedger ledger) {
        return ledger.receipts().entrySet().stream().filter(e -> !e.getValue().deleted()).toList();
    }

    private static List<Map.Entry<String, InvoiceEntry>> invoices(OrderLedger ledger, Predicate<InvoiceKind> kind) {
        return ledger.invoices().entrySet().stream().filter(e -> kind.test(e.getValue().kind())).toList();
    }

    private static String numbers(List<? extends Map.Entry<String, ?>> entries) {
        return "(" + String.join(", ", entries.stream().map(Map.Entry::getKey).toList()) + ")";
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(Money.ZERO, BigDecimal::add);
    }
}
