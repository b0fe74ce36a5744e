package dev.p21bridge.reconciliation;

import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentReceipt;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the reconciliation knows of one storefront order, folded from the five canonical topics: the latest
 * canonical order, each storefront transaction by its id, each P21 receipt by receipt number, each invoice or credit
 * memo by invoice number, and the P21 order number or the reason the order was skipped.
 *
 * <p>Each {@code with...} keeps the newer of two versions of the same thing (by the time the source gave it; the later
 * arrival on a tie) and returns an equal ledger for a record seen before, so replays and duplicates change nothing.
 * Amounts are held at scale 4 ({@link Money}), times as epoch millis, so the ledger survives its JSON state format
 * ({@link LedgerFormat}) unchanged.
 *
 * @param orderSeenAt event time of the canonical order kept; null while none was seen
 */
public record OrderLedger(String orderKey, Long orderSeenAt, Long orderDate, String currency, BigDecimal storefrontTotal,
                          Map<String, Transaction> transactions, Map<String, Receipt> receipts,
                          Map<String, InvoiceEntry> invoices, Confirmation confirmation) {

    /** A storefront capture or refund; {@code amount} signed, a refund negative. */
    public record Transaction(PaymentKind kind, BigDecimal amount) {
        public Transaction {
            amount = Money.of(amount);
        }
    }

    /** A P21 cash receipt; {@code transactionId} null for one entered by hand. */
    public record Receipt(String transactionId, BigDecimal amount, boolean deleted, long changedAt) {
        public Receipt {
            amount = Money.of(amount);
        }
    }

    /** A P21 invoice or credit memo; {@code total} signed as P21 has it, a credit memo negative. */
    public record InvoiceEntry(InvoiceKind kind, BigDecimal total, long changedAt) {
        public InvoiceEntry {
            total = Money.of(total);
        }
    }

    /** The p21-sink's answer: a P21 order number, or why there is none. */
    public record Confirmation(String p21OrderNo, String skippedReason, long confirmedAt) {
        public boolean skipped() {
            return skippedReason != null || p21OrderNo == null || p21OrderNo.isBlank();
        }
    }

    public OrderLedger {
        storefrontTotal = storefrontTotal == null ? null : Money.of(storefrontTotal);
        transactions = sorted(transactions);
        receipts = sorted(receipts);
        invoices = sorted(invoices);
    }

    public static OrderLedger empty(String orderKey) {
        return new OrderLedger(orderKey, null, null, null, null, Map.of(), Map.of(), Map.of(), null);
    }

    /** The store: the order key up to its first colon. */
    public String store() {
        int colon = orderKey.indexOf(':');
        return colon < 0 ? orderKey : orderKey.substring(0, colon);
    }

    public OrderLedger withOrder(Order order) {
        long seenAt = order.getEventTime().toEpochMilli();
        if (orderSeenAt != null && seenAt < orderSeenAt) {
            return this;
        }
        return new OrderLedger(orderKey, seenAt, order.getOrderDate().toEpochMilli(), order.getCurrency(),
                order.getTotals().getTotal(), transactions, receipts, invoices, confirmation);
    }

    /**
     * A capture or refund under its transaction id (the webhook's event id when the storefront gave none). The sign
     * follows the kind, whatever sign the amount arrived with. A kind this reader does not know is left out.
     */
    public OrderLedger withPayment(PaymentCapture payment) {
        if (payment.getKind() != PaymentKind.CAPTURE && payment.getKind() != PaymentKind.REFUND) {
            return this;
        }
        BigDecimal amount = Money.of(payment.getPayment().getAmount()).abs();
        String id = payment.getPayment().getTransactionId();
        Map<String, Transaction> next = new TreeMap<>(transactions);
        next.put(id == null || id.isBlank() ? payment.getSourceEventId() : id,
                new Transaction(payment.getKind(), payment.getKind() == PaymentKind.REFUND ? amount.negate() : amount));
        return withMaps(next, receipts, invoices);
    }

    public OrderLedger withReceipt(PaymentReceipt receipt) {
        long changedAt = receipt.getChangedAt().toEpochMilli();
        Receipt known = receipts.get(receipt.getReceiptNo());
        if (known != null && changedAt < known.changedAt()) {
            return this;
        }
        String transactionId = receipt.getTransactionId() == null || receipt.getTransactionId().isBlank()
                ? null : receipt.getTransactionId();
        Map<String, Receipt> next = new TreeMap<>(receipts);
        next.put(receipt.getReceiptNo(), new Receipt(transactionId, receipt.getAmount(), receipt.getDeleted(), changedAt));
        return withMaps(transactions, next, invoices);
    }

    /** An invoice or credit memo; a kind this reader does not know is left out. */
    public OrderLedger withInvoice(Invoice invoice) {
        if (invoice.getKind() != InvoiceKind.INVOICE && invoice.getKind() != InvoiceKind.CREDIT_MEMO) {
            return this;
        }
        long changedAt = invoice.getChangedAt().toEpochMilli();
        InvoiceEntry known = invoices.get(invoice.getInvoiceNo());
        if (known != null && changedAt < known.changedAt()) {
            return this;
        }
        Map<String, InvoiceEntry> next = new TreeMap<>(invoices);
        next.put(invoice.getInvoiceNo(), new InvoiceEntry(invoice.getKind(), invoice.getTotalAmount(), changedAt));
        return withMaps(transactions, receipts, next);
    }

    public OrderLedger withConfirmation(OrderConfirmation answer) {
        long confirmedAt = answer.getConfirmedAt().toEpochMilli();
        if (confirmation != null && confirmedAt < confirmation.confirmedAt()) {
            return this;
        }
        String skipped = answer.getSkippedReason();
        return new OrderLedger(orderKey, orderSeenAt, orderDate, currency, storefrontTotal, transactions, receipts,
                invoices, new Confirmation(skipped == null ? answer.getP21OrderNo() : null, skipped, confirmedAt));
    }

    private OrderLedger withMaps(Map<String, Transaction> transactions, Map<String, Receipt> receipts,
                                 Map<String, InvoiceEntry> invoices) {
        return new OrderLedger(orderKey, orderSeenAt, orderDate, currency, storefrontTotal, transactions, receipts,
                invoices, confirmation);
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }
}
