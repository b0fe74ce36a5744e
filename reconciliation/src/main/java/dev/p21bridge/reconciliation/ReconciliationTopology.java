package dev.p21bridge.reconciliation;

import dev.p21bridge.platform.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.state.Stores;

/**
 * Every storefront order's payments against what P21 recorded, per order key, in one Kafka Streams application
 * ({@link ReconciliationService}):
 * <pre>
 *   canonical.orders               -> order-changes        \
 *   canonical.payments             -> payment-changes       \
 *   canonical.payment-receipts     -> receipt-changes        > ledger-changes
 *   canonical.invoices             -> invoice-changes       /
 *   canonical.order-confirmations  -> confirmation-changes /
 *     -> reconcile  (fold into the order's ledger, store order-ledgers; when the answer changed, the order's
 *                    reconciliation computed from the whole ledger)
 *     -> canonical.reconciliation (compacted; key as the inputs)
 * </pre>
 * The five inputs share the key {@code <store>:<order id>} and their partition count, so an order's records meet in
 * one task without a repartition topic. A tombstone on an input carries nothing to reconcile and is dropped. Every
 * processor and store is named, and the application refuses generated names.
 */
public final class ReconciliationTopology {

    public static final String LEDGERS = "order-ledgers";

    private ReconciliationTopology() {
    }

    public static void build(StreamsBuilder builder, ReconciliationSerdes serdes) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGERS), Serdes.String(),
                new LedgerFormat()));

        KStream<String, LedgerChange> orders = changes(builder, Topics.CANONICAL_ORDERS.name(), serdes.orders(),
                "order", order -> ledger -> ledger.withOrder(order));
        KStream<String, LedgerChange> payments = changes(builder, Topics.CANONICAL_PAYMENTS.name(), serdes.payments(),
                "payment", payment -> ledger -> ledger.withPayment(payment));
        KStream<String, LedgerChange> receipts = changes(builder, Topics.CANONICAL_PAYMENT_RECEIPTS.name(),
                serdes.receipts(), "receipt", receipt -> ledger -> ledger.withReceipt(receipt));
        KStream<String, LedgerChange> invoices = changes(builder, Topics.CANONICAL_INVOICES.name(), serdes.invoices(),
                "invoice", invoice -> ledger -> ledger.withInvoice(invoice));
        KStream<String, LedgerChange> confirmations = changes(builder, Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
                serdes.confirmations(), "confirmation", answer -> ledger -> ledger.withConfirmation(answer));

        orders.merge(payments, Named.as("ledger-changes-payments"))
                .merge(receipts, Named.as("ledger-changes-receipts"))
                .merge(invoices, Named.as("ledger-changes-invoices"))
                .merge(confirmations, Named.as("ledger-changes"))
                .process(() -> new ReconcileProcessor(LEDGERS), Named.as("reconcile"), LEDGERS)
                .to(Topics.CANONICAL_RECONCILIATION.name(), Produced.with(Serdes.String(), serdes.reconciliations())
                        .withName("canonical-reconciliation-sink"));
    }

    private static <V> KStream<String, LedgerChange> changes(StreamsBuilder builder, String topic, Serde<V> values,
                                                             String name, ValueMapper<V, LedgerChange> change) {
        return builder.stream(topic, Consumed.with(Serdes.String(), values).withName(name + "-source"))
                .filter((key, value) -> key != null && value != null, Named.as(name + "-present"))
                .mapValues(change, Named.as(name + "-changes"));
    }
}
