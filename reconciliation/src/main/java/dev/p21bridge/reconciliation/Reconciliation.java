package dev.p21bridge.reconciliation;

import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.ReconciliationDifference;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One order's reconciliation as {@link Reconciler} computes it; a value, so the processor can tell whether a change of
 * the ledger changed the answer (the generated Avro class cannot compare its decimals). {@link #toAvro()} is what
 * {@code canonical.reconciliation} carries.
 */
public record Reconciliation(String orderKey, String store, Long orderDate, String currency, BigDecimal storefrontTotal,
                             BigDecimal captured, BigDecimal refunded, BigDecimal netPaid, String p21OrderNo,
                             String p21SkippedReason, BigDecimal p21ReceiptsNet, BigDecimal invoiceTotal,
                             BigDecimal creditTotal, List<Difference> differences) {

    /** Something that does not match; {@code reference} the transaction, receipt or invoice it is about, if one. */
    public record Difference(DifferenceReason reason, String reference, BigDecimal amount, String message) {
        public Difference {
            amount = Money.of(amount);
        }
    }

    public Reconciliation {
        differences = List.copyOf(differences);
    }

    public boolean balanced() {
        return differences.isEmpty();
    }

    public OrderReconciliation toAvro() {
        return OrderReconciliation.newBuilder()
                .setOrderKey(orderKey).setStore(store)
                .setOrderDate(orderDate == null ? null : Instant.ofEpochMilli(orderDate))
                .setCurrency(currency)
                .setStorefrontTotal(storefrontTotal == null ? null : Money.of(storefrontTotal))
                .setCaptured(Money.of(captured)).setRefunded(Money.of(refunded)).setNetPaid(Money.of(netPaid))
                .setP21OrderNo(p21OrderNo).setP21SkippedReason(p21SkippedReason)
                .setP21ReceiptsNet(Money.of(p21ReceiptsNet)).setInvoiceTotal(Money.of(invoiceTotal))
                .setCreditTotal(Money.of(creditTotal))
                .setDifferences(differences.stream().map(d -> ReconciliationDifference.newBuilder()
                        .setReason(d.reason()).setReference(d.reference()).setAmount(d.amount())
                        .setMessage(d.message()).build()).toList())
                .setBalanced(balanced())
                .build();
    }
}
