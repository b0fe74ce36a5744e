package dev.p21bridge.p21;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The p21-sink's value serdes, one per topic it reads or writes: production uses the Confluent wire format against
 * the registry, tests plain Avro ones. {@code statuses} writes the storefront cancellation of an order the risk score
 * rejected.
 */
public record P21SinkSerdes(Deserializer<Order> orders, Deserializer<Customer> customers,
                            Deserializer<PaymentCapture> payments, Deserializer<ReturnRequest> returns,
                            Serializer<OrderConfirmation> confirmations, Serializer<OrderStatus> statuses) {
}
