package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storefront-sink on a real broker and registry against stub X-Cart and Clarity storefronts: the default stores
 * {@code xcart} and {@code clarity}, and a second X-Cart store {@code ca} selling the stock of P21 location 20 only.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class StorefrontSinkIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int SKUS = 200;
    private static final long BASE = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private static String bootstrap;
    private static EmbeddedSchemaRegistry registry;
    private static StubXCart xcart;
    private static StubXCart ca;
    private static StubClarity clarity;
    private static StorefrontSinkConfig config;
    private static final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private static StorefrontSinkService sink;
    private static KafkaProducer<String, byte[]> producer;
    private static ConfluentAvroSerde<InventoryLevel> levels;
    private static ConfluentAvroSerde<Product> products;
    private static ConfluentAvroSerde<Shipment> shipments;
    private static Admin admin;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        levels = new ConfluentAvroSerde<>(client, InventoryLevel.class);
        products = new ConfluentAvroSerde<>(client, Product.class);
        shipments = new ConfluentAvroSerde<>(client, Shipment.class);
        xcart = new StubXCart();
        ca = new StubXCart();
        clarity = new StubClarity();
        for (int i = 0; i < SKUS; i++) {
            xcart.addProduct(burstSku(i), 0, "1.00");
            clarity.addProduct(burstSku(i), 0, "1.00");
        }
        // before the sink reads the catalogues: X-Cart's SKU map is read again at most once a minute
        xcart.addProduct("MULTI-1", 0, "1.00");
        ca.addProduct("MULTI-1", 0, "1.00");
        config = StorefrontSinkConfig.from(new Environment(Map.ofEntries(
                Map.entry("BRIDGE_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("BRIDGE_SCHEMA_REGISTRY_URL", registry.url()),
                Map.entry("BRIDGE_STORES", "xcart:xcart,ca:xcart,clarity:clarity"),
                Map.entry("BRIDGE_XCART_URL", xcart.baseUrl()), Map.entry("BRIDGE_XCART_TOKEN", StubXCart.TOKEN),
                Map.entry("BRIDGE_STORE_CA_URL", ca.baseUrl()), Map.entry("BRIDGE_STORE_CA_TOKEN", StubXCart.TOKEN),
                Map.entry("BRIDGE_STORE_CA_WEBHOOK_SECRET", "ca-secret"),
                Map.entry("BRIDGE_STORE_CA_STOCK_LOCATIONS", "20"),
                Map.entry("BRIDGE_CLARITY_URL", clarity.baseUrl()),
                Map.entry("BRIDGE_CLARITY_TOKEN", StubClarity.TOKEN),
                Map.entry("BRIDGE_STOREFRONT_TIMEOUT", "3s"))));
        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", bootstrap);
        admin = Admin.create(adminProps);
        new TopicInitializer(admin, (short) 1, 1).createMissing(Topics.all(), Duration.ofSeconds(30));
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap);
        producerProps.put("acks", "all");
        producerProps.put("linger.ms", 5);
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        sink = StorefrontSinkService.withSchemaRegistry(config, metrics).start();
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {sink, producer, admin, xcart, ca, clarity, registry}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the broker goes away with the class anyway
            }
        }
    }

    @Test
    void shouldLeaveBothStorefrontsAtTheLastOfTenThousandLevelsWithAFewCallsPerSku() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            sendLevel(burstSku(i % SKUS), BASE + i, i);
        }
        producer.flush();

        await("both storefronts at the final levels", () -> IntStream.range(0, SKUS).allMatch(s ->
                xcart.products.get(burstSku(s)).amount == 9_800 + s
                        && clarity.products.get(burstSku(s)).amount == 9_800 + s));
        awaitCaughtUp(Topics.CANONICAL_INVENTORY.name());

        for (int s = 0; s < SKUS; s++) {
            assertThat(xcart.stockCalls(burstSku(s))).as("X-Cart calls for " + burstSku(s)).isBetween(1L, 5L);
            assertThat(clarity.stockCalls(burstSku(s))).as("Clarity calls for " + burstSku(s)).isBetween(1L, 5L);
        }
        assertThat(metrics.counter("storefront.updates.coalesced", "kind", "stock").count()).isGreaterThan(8_000);

        for (int s = 0; s < SKUS; s++) {
            sendLevel(burstSku(s), BASE + s, 1);
        }
        sendLevel("NOT-SOLD-1", BASE, 5);
        producer.flush();
        awaitCaughtUp(Topics.CANONICAL_INVENTORY.name());

        assertThat(IntStream.range(0, SKUS)).allSatisfy(s -> {
            assertThat(xcart.products.get(burstSku(s)).amount).isEqualTo(9_800 + s);
            assertThat(clarity.products.get(burstSku(s)).amount).isEqualTo(9_800 + s);
        });
        assertThat(metrics.counter("storefront.updates.unknown.sku", "kind", "stock", "storefront", "xcart").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldGiveTwoXCartStoresEachItsOwnStockAndShipEachStoresOrderInThatStoreOnly() throws Exception {
        xcart.addOrder("40001", "P");
        ca.addOrder("40001", "P");

        String topic = Topics.CANONICAL_INVENTORY.name();
        send(topic, "MULTI-1", levels.serializer().serialize(topic, CatalogUpdates.level("MULTI-1", BASE,
                Map.of("10", "30", "20", "12"), "2", "40")));
        sendShipment("ca:40001", "UPS", "1ZCA40001");

        await("each X-Cart store at its own stock", () -> xcart.products.get("MULTI-1").amount == 40
                && ca.products.get("MULTI-1").amount == 10);
        await("order 40001 of store ca shipped", () -> ca.orders.get("40001").status.equals("S"));
        awaitCaughtUp(Topics.CANONICAL_SHIPMENTS.name());
        assertThat(ca.orders.get("40001").tracking).containsExactly("1ZCA40001");
        assertThat(xcart.orders.get("40001").status).as("the default store's order of the same id").isEqualTo("P");
        assertThat(metrics.counter("storefront.shipments", "storefront", "ca", "outcome", "changed").count())
                .isEqualTo(1);
    }

    @Test
    void shouldWriteTheLatestPriceToBothStorefronts() throws Exception {
        String sku = burstSku(7);
        send(Topics.CANONICAL_PRODUCTS.name(), sku, products.serializer().serialize(Topics.CANONICAL_PRODUCTS.name(),
                CatalogUpdates.product(sku, BASE + 2, "12.3400")));
        send(Topics.CANONICAL_PRODUCTS.name(), sku, products.serializer().serialize(Topics.CANONICAL_PRODUCTS.name(),
                CatalogUpdates.product(sku, BASE + 1, "99.0000")));

        await("price 12.34 on both", () -> xcart.products.get(sku).price.compareTo(new BigDecimal("12.34")) == 0
                && clarity.products.get(sku).price.compareTo(new BigDecimal("12.34")) == 0);
        awaitCaughtUp(Topics.CANONICAL_PRODUCTS.name());
        assertThat(xcart.products.get(sku).price).isEqualByComparingTo("12.34");
    }

    @Test
    void shouldMarkAnXCartOrderShippedWithItsTrackingNumber() throws Exception {
        xcart.addOrder("20001", "P");

        sendShipment("xcart:20001", "UPS", "1ZXC20001");

        await("X-Cart order 20001 shipped", () -> xcart.orders.get("20001").status.equals("S"));
        assertThat(xcart.orders.get("20001").tracking).containsExactly("1ZXC20001");
    }

    @Test
    void shouldShipAClarityOrderWithItsTrackingNumberAndCarrier() throws Exception {
        clarity.addOrder("CL-20001", "Confirmed");

        sendShipment("clarity:CL-20001", "FedEx", "7700CL20001");

        await("Clarity order CL-20001 shipped", () -> clarity.orders.get("CL-20001").status.equals("Shipped"));
        assertThat(clarity.orders.get("CL-20001").tracking).containsExactly("7700CL20001");
        assertThat(clarity.orders.get("CL-20001").carrier).isEqualTo("FedEx");
    }

    @Test
    void shouldMakeNoSecondStateChangingCallWhenAShipmentIsDeliveredTwiceOrItsAnswerIsLost() throws Exception {
        xcart.addOrder("20002", "P");
        clarity.addOrder("CL-20002", "Confirmed");
        xcart.addOrder("20003", "N");
        xcart.commitThenFailNextChanges.set(0);

        sendShipment("xcart:20002", "UPS", "1ZXC20002");
        sendShipment("xcart:20002", "UPS", "1ZXC20002");
        sendShipment("clarity:CL-20002", "UPS", "7700CL20002");
        sendShipment("clarity:CL-20002", "UPS", "7700CL20002");
        awaitCaughtUp(Topics.CANONICAL_SHIPMENTS.name());
        xcart.commitThenFailNextChanges.set(1);
        sendShipment("xcart:20003", "UPS", "1ZXC20003");
        awaitCaughtUp(Topics.CANONICAL_SHIPMENTS.name());

        assertThat(xcart.stateChangingCalls("/api/orders/20002/")).isEqualTo(2);
        assertThat(clarity.stateChangingCalls("/SalesOrder/Ship/CL-20002")).isEqualTo(1);
        assertThat(xcart.orders.get("20003").status).isEqualTo("S");
        assertThat(xcart.orders.get("20003").tracking).containsExactly("1ZXC20003");
        assertThat(xcart.stateChangingCalls("/api/orders/20003/")).isEqualTo(2);
    }

    @Test
    void shouldMissNoShipmentAndRepeatNoStateChangeWhenRestartedMidStream() throws Exception {
        int orders = 20;
        for (int i = 0; i < orders; i++) {
            xcart.addOrder(Integer.toString(30_000 + i), "P");
            clarity.addOrder("CL-" + (30_000 + i), "Confirmed");
        }
        // every call takes 200 ms, so the 40 shipments (2-3 calls each, 8 at a time) take about 3 s
        xcart.latencyMs = 200;
        clarity.latencyMs = 200;
        long doneAtStop;
        try {
            for (int i = 0; i < orders; i++) {
                sendShipment("xcart:" + (30_000 + i), "UPS", "1ZR" + i);
                sendShipment("clarity:CL-" + (30_000 + i), "UPS", "7700R" + i);
            }
            await("a few restart shipments done", () -> shippedXCart(orders) + shippedClarity(orders) >= 4);
            try {
                sink.close();
                doneAtStop = shippedXCart(orders) + shippedClarity(orders);
            } finally {
                sink = StorefrontSinkService.withSchemaRegistry(config, metrics).start();
            }

            await("every restart shipment done", () -> shippedXCart(orders) == orders && shippedClarity(orders) == orders);
            awaitCaughtUp(Topics.CANONICAL_SHIPMENTS.name());
        } finally {
            xcart.latencyMs = 0;
            clarity.latencyMs = 0;
        }
        assertThat(doneAtStop).as("shipments done when the sink stopped").isLessThan(2 * orders);
        for (int i = 0; i < orders; i++) {
            assertThat(xcart.stateChangingCalls("/api/orders/" + (30_000 + i) + "/")).as("X-Cart order " + i).isEqualTo(2);
            assertThat(clarity.stateChangingCalls("/SalesOrder/Ship/CL-" + (30_000 + i))).as("Clarity " + i).isEqualTo(1);
            assertThat(xcart.orders.get(Integer.toString(30_000 + i)).tracking).containsExactly("1ZR" + i);
        }
    }

    @Test
    void shouldDeadLetterAShipmentTheStorefrontRefusesWithItsMessageAndTheContractHeaders() throws Exception {
        xcart.addOrder("refuse-1", "P");

        RecordMetadata sent = sendShipment("xcart:refuse-1", "UPS", "1ZREFUSE");

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter("xcart:refuse-1");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("rejected-by-target");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("X-Cart refused the shipment of "
                + "xcart:refuse-1: order refuse-1: Invalid shipping status code 'S' for this order");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.shipments");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("storefront-sink");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT)))
                .isBetween(System.currentTimeMillis() - 120_000, System.currentTimeMillis());
        awaitCaughtUp(Topics.CANONICAL_SHIPMENTS.name());
    }

    private static long shippedXCart(int orders) {
        return IntStream.range(0, orders).filter(i -> xcart.orders.get(Integer.toString(30_000 + i)).status.equals("S"))
                .count();
    }

    private static long shippedClarity(int orders) {
        return IntStream.range(0, orders).filter(i -> clarity.orders.get("CL-" + (30_000 + i)).status.equals("Shipped"))
                .count();
    }

    private static String burstSku(int i) {
        return String.format("BURST-%03d", i);
    }

    private static void sendLevel(String sku, long changedAt, long available) {
        String topic = Topics.CANONICAL_INVENTORY.name();
        producer.send(new ProducerRecord<>(topic, sku, levels.serializer().serialize(topic,
                CatalogUpdates.level(sku, changedAt, Long.toString(available)))));
    }

    private static RecordMetadata sendShipment(String orderKey, String carrier, String tracking) throws Exception {
        String topic = Topics.CANONICAL_SHIPMENTS.name();
        Shipment shipment = Shipment.newBuilder().setOrderKey(orderKey)
                .setSource(orderKey.startsWith("clarity:") ? Source.CLARITY : Source.XCART)
                .setOrderId(Storefront.orderIdOf(orderKey)).setSourceEventId("evt-ship-" + orderKey)
                .setEventTime(Instant.now()).setP21OrderNo("1000123").setPickTicketNo("PT-" + orderKey)
                .setCarrier(carrier).setTrackingNumbers(List.of(tracking)).setShippedAt(Instant.now())
                .setLines(List.of()).build();
        return send(topic, orderKey, shipments.serializer().serialize(topic, shipment));
    }

    private static RecordMetadata send(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Waits until the group committed every record of {@code topic} written so far. */
    private static void awaitCaughtUp(String topic) throws Exception {
        producer.flush();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new java.util.HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        await(topic + " committed to its end", () -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(StorefrontSinkService.GROUP_ID).partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() >= e.getValue());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(Topics.DLQ_STOREFRONT_SINK.name(), 0);
            reader.assign(List.of(dlq));
            reader.seekToBeginning(List.of(dlq));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await("dead letter of " + key, () -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition::getAsBoolean);
    }
}
