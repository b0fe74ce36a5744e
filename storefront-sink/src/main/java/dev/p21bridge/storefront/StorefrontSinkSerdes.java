package dev.p21bridge.storefront;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import org.apache.kafka.common.serialization.Deserializer;

/** The storefront-sink's value deserializers, one per topic it reads; production reads the Confluent wire format. */
public record StorefrontSinkSerdes(Deserializer<InventoryLevel> levels, Deserializer<Product> products,
                                   Deserializer<Shipment> shipments, Deserializer<Customer> customers,
                                   Deserializer<OrderStatus> orderStatuses, Deserializer<Invoice> invoices) {
}
