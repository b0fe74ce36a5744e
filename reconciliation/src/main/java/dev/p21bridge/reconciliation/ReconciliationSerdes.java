package dev.p21bridge.reconciliation;

import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of the topics the reconciliation reads and writes: Confluent wire format, as every canonical topic. */
public record ReconciliationSerdes(Serde<Order> orders, Serde<PaymentCapture> payments, Serde<PaymentReceipt> receipts,
                                   Serde<Invoice> invoices, Serde<OrderConfirmation> confirmations,
                                   Serde<OrderReconciliation> reconciliations) {

    public static ReconciliationSerdes confluent(SchemaRegistryClient registry) {
        return new ReconciliationSerdes(new ConfluentAvroSerde<>(registry, Order.class),
                new ConfluentAvroSerde<>(registry, PaymentCapture.class),
                new ConfluentAvroSerde<>(registry, PaymentReceipt.class),
                new ConfluentAvroSerde<>(registry, Invoice.class),
                new ConfluentAvroSerde<>(registry, OrderConfirmation.class),
                new ConfluentAvroSerde<>(registry, OrderReconciliation.class));
    }
}
