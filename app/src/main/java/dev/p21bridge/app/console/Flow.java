package dev.p21bridge.app.console;

import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One flow of the bridge as the Flows page shows it: the topics it reads, the consumer group reading them (null for
 * the webhooks, which only write), the meters that count its work and its failures (null: counted from Kafka), the
 * service whose dead letters and retry topics are its own, and the gauge of its circuit breaker.
 */
record Flow(String name, String label, List<String> topics, String group, MeterQuery done, MeterQuery failed,
            String service, MeterQuery circuit) {

    private static final String P21 = "p21-sink";
    private static final String STOREFRONTS = "storefront-sink";
    static final String INGRESS = "ingress";

    /**
     * Every flow of the bridge: the webhooks of each store, then the rest; {@code transformerGroup} is the
     * transformer's application id.
     */
    static List<Flow> all(String transformerGroup, Map<String, StorePlatform> stores) {
        List<Flow> flows = new ArrayList<>();
        stores.forEach((name, platform) -> flows.add(webhooks(name, platform, stores)));
        flows.addAll(rest(transformerGroup));
        return List.copyOf(flows);
    }

    private static List<Flow> rest(String transformerGroup) {
        MeterQuery p21Circuit = MeterQuery.all("p21.circuit.state", Map.of());
        MeterQuery storefrontCircuit = MeterQuery.all("storefront.circuit.state", Map.of());
        return List.of(
                new Flow("transformer", "Transformer (raw events to canonical records)",
                        List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(), Topics.RAW_P21.name()),
                        transformerGroup, null, null, "transformer", null),
                p21("p21-orders", "P21 orders", Topics.CANONICAL_ORDERS.name(), "p21.orders", p21Circuit),
                storefronts("stock", "Stock to storefronts", Topics.CANONICAL_INVENTORY.name(),
                        MeterQuery.all("storefront.updates.written", Map.of("kind", "stock")), storefrontCircuit),
                storefronts("shipments", "Shipments to storefronts", Topics.CANONICAL_SHIPMENTS.name(),
                        MeterQuery.done("storefront.shipments", Map.of()), storefrontCircuit),
                p21("customers", "Customers to P21", Topics.CANONICAL_CUSTOMERS.name(), "p21.customers", p21Circuit),
                p21("payments", "Payments to P21", Topics.CANONICAL_PAYMENTS.name(), "p21.payments", p21Circuit),
                p21("returns", "Returns to P21", Topics.CANONICAL_RETURNS.name(), "p21.returns", p21Circuit),
                storefronts("order-status", "Order status to storefronts", Topics.CANONICAL_ORDER_STATUS.name(),
                        MeterQuery.done("storefront.order.status", Map.of()), storefrontCircuit));
    }

    /**
     * Counted from Kafka while the store is its platform's only one: every accepted webhook is one record in its raw
     * topic; a store sharing its platform's raw topic with another is counted by the ingress's accepted webhooks
     * instead. Its failures are the ingress's rejections of every reason (bad signatures, bad bodies, Kafka not
     * acknowledging), read from the ingress's own {@code /metrics}: its registry is its own even in
     * {@code ./bridge up}. The meters' {@code source} tag is the store's name.
     */
    private static Flow webhooks(String store, StorePlatform platform, Map<String, StorePlatform> stores) {
        String topic = (platform == StorePlatform.XCART ? Topics.RAW_XCART : Topics.RAW_CLARITY).name();
        boolean alone = stores.values().stream().filter(platform::equals).count() == 1;
        String label = store.equals(platform.id()) ? platform.label() : store + " (" + platform.label() + ")";
        return new Flow("webhooks-" + store, "Webhooks in: " + label, List.of(topic), null,
                alone ? null : MeterQuery.all("bridge.webhooks.accepted", Map.of("source", store)),
                MeterQuery.all("bridge.webhooks.rejected", Map.of("source", store)), null, null);
    }

    private static Flow p21(String name, String label, String topic, String meter, MeterQuery circuit) {
        return new Flow(name, label, List.of(topic), P21, MeterQuery.done(meter, Map.of()),
                MeterQuery.failed(meter, Map.of()), P21, circuit);
    }

    private static Flow storefronts(String name, String label, String topic, MeterQuery done, MeterQuery circuit) {
        return new Flow(name, label, List.of(topic), STOREFRONTS, done,
                MeterQuery.failed(done.name(), Map.of()), STOREFRONTS, circuit);
    }

    /** The service whose meters count this flow: its own, or the ingress for the webhooks, which have none. */
    String meteredBy() {
        return service == null ? INGRESS : service;
    }

    /** The retry topics of this flow's service (shared by every flow of that service). */
    List<String> retryTopics() {
        if (service == null || !Topics.SERVICES_WITH_RETRY.contains(service)) {
            return List.of();
        }
        return java.util.stream.IntStream.rangeClosed(1, Topics.RETRY_LEVELS)
                .mapToObj(level -> Topics.retry(service, level).name()).toList();
    }
}
