package dev.p21bridge.transformer;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.transformer.normalize.CustomerOfOrder;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Raw storefront events to canonical orders and customers:
 * <pre>
 *   raw.xcart + raw.clarity
 *     -> dedup-events      (drop redelivered webhook ids; store events-seen)
 *     -> normalize         (per-source mapping + validation; failures become dead letters)
 *     -> dedup-orders      (drop a second order.created for a known order; store orders-seen)
 *     -> route-orders      -> canonical.orders, and the buyer -> canonical.customers
 *        route-customers   -> canonical.customers
 *        route-dead-letters-> dlq.transformer
 * </pre>
 * Every processor, store and sink is named, and the application refuses generated names
 * ({@code ensure.explicit.internal.resource.naming}).
 */
public final class TransformerTopology {

    public static final String EVENTS_SEEN = "events-seen";
    public static final String ORDERS_SEEN = "orders-seen";
    public static final String SKU_XREF = "sku-xref";

    /** The canonical value serdes; Confluent wire format in production, any Avro serde in tests. */
    public record Serdes2(Serde<Order> orders, Serde<Customer> customers) {
    }

    private TransformerTopology() {
    }

    public static void build(StreamsBuilder builder, TransformerConfig config, Serdes2 serdes) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EVENTS_SEEN, config.eventDedupRetention(), config.eventDedupRetention(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ORDERS_SEEN, config.orderDedupRetention(), config.orderDedupRetention(), false),
                Serdes.String(), Serdes.Long()));
        builder.globalTable(Topics.SKU_XREF.name(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("sku-xref-source"),
                Materialized.as(SKU_XREF));

        KStream<String, byte[]> raw = builder.stream(List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-storefront-events"));

        Map<String, KStream<String, Normalized>> routes = raw
                .processValues(() -> new EventDedupProcessor(EVENTS_SEEN, config.eventDedupRetention()),
                        Named.as("dedup-events"), EVENTS_SEEN)
                .process(() -> new NormalizeProcessor(config, SKU_XREF), Named.as("normalize"))
                .processValues(() -> new OrderDedupProcessor(ORDERS_SEEN, config.orderDedupRetention()),
                        Named.as("dedup-orders"), ORDERS_SEEN)
                .split(Named.as("route-"))
                .branch((key, value) -> value instanceof Normalized.NormalizedOrder, Branched.as("orders"))
                .branch((key, value) -> value instanceof Normalized.NormalizedCustomer, Branched.as("customers"))
                .branch((key, value) -> value instanceof Normalized.Rejected, Branched.as("dead-letters"))
                .noDefaultBranch();

        KStream<String, Order> orders = routes.get("route-orders")
                .mapValues(value -> ((Normalized.NormalizedOrder) value).order(), Named.as("order-value"));
        orders.to(Topics.CANONICAL_ORDERS.name(),
                Produced.with(Serdes.String(), serdes.orders()).withName("canonical-orders-sink"));

        orders.map((key, order) -> KeyValue.pair(order.getCustomer().getEmail(), CustomerOfOrder.of(order)),
                        Named.as("customer-of-order"))
                .merge(routes.get("route-customers")
                        .mapValues(value -> ((Normalized.NormalizedCustomer) value).customer(), Named.as("customer-value")),
                        Named.as("all-customers"))
                .to(Topics.CANONICAL_CUSTOMERS.name(),
                        Produced.with(Serdes.String(), serdes.customers()).withName("canonical-customers-sink"));

        routes.get("route-dead-letters")
                .mapValues(value -> ((Normalized.Rejected) value).rawValue(), Named.as("dead-letter-value"))
                .to(Topics.DLQ_TRANSFORMER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));
    }
}
