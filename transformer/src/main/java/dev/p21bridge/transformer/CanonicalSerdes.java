package dev.p21bridge.transformer;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of the canonical topics the transformer reads and writes; Confluent wire format in production. */
public record CanonicalSerdes(Serde<Order> orders, Serde<Customer> customers, Serde<Product> products,
                              Serde<Shipment> shipments, Serde<InventoryLevel> inventory,
                              Serde<OrderConfirmation> confirmations, Serde<OrderStatus> orderStatuses,
                              Serde<PaymentCapture> payments, Serde<ReturnRequest> returns, Serde<Invoice> invoices,
                              Serde<PaymentReceipt> receipts) {

    public static CanonicalSerdes confluent(SchemaRegistryClient registry) {
        return new CanonicalSerdes(new ConfluentAvroSerde<>(registry, Order.class),
                new ConfluentAvroSerde<>(registry, Customer.class), new ConfluentAvroSerde<>(registry, Product.class),
                new ConfluentAvroSerde<>(registry, Shipment.class), new ConfluentAvroSerde<>(registry, InventoryLevel.class),
                new ConfluentAvroSerde<>(registry, OrderConfirmation.class),
                new ConfluentAvroSerde<>(registry, OrderStatus.class),
                new ConfluentAvroSerde<>(registry, PaymentCapture.class),
                new ConfluentAvroSerde<>(registry, ReturnRequest.class), new ConfluentAvroSerde<>(registry, Invoice.class),
                new ConfluentAvroSerde<>(registry, PaymentReceipt.class));
    }
}
