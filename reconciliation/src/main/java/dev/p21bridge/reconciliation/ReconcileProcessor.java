package dev.p21bridge.reconciliation;

import dev.p21bridge.schemas.OrderReconciliation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies a change to its order's ledger and forwards the order's reconciliation when the answer changed. A record
 * seen before leaves the ledger equal, so nothing is stored or written: a replay or a redelivery is silent.
 */
final class ReconcileProcessor implements Processor<String, LedgerChange, String, OrderReconciliation> {

    private final String storeName;
    private ProcessorContext<String, OrderReconciliation> context;
    private KeyValueStore<String, OrderLedger> ledgers;

    ReconcileProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, OrderReconciliation> context) {
        this.context = context;
        this.ledgers = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, LedgerChange> record) {
        String key = record.key();
        OrderLedger known = ledgers.get(key);
        OrderLedger before = known == null ? OrderLedger.empty(key) : known;
        OrderLedger after = record.value().applyTo(before);
        if (after.equals(before)) {
            return;
        }
        ledgers.put(key, after);
        Reconciliation now = Reconciler.reconcile(after);
        if (known == null || !now.equals(Reconciler.reconcile(before))) {
            context.forward(record.withValue(now.toAvro()));
        }
    }
}
