package dev.p21bridge.reconciliation;

/** One input record as what it does to its order's ledger; lives only between the sources and the processor. */
@FunctionalInterface
public interface LedgerChange {

    OrderLedger applyTo(OrderLedger ledger);
}
