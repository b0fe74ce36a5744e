package dev.p21bridge.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storefront-sink's retry topics, circuit breakers and supersede-on-retry on a real broker and registry, against
 * stub storefronts that go down, fail one order for ever or fail one product's writes. Retry delays are shortened
 * ({@code BRIDGE_RETRY_DELAYS=2s,2s,3s}) and a circuit opens after 3 failures in a row for 1 s.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class StorefrontSinkRetryIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final long BASE = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

    private static String bootstrap;
    private static EmbeddedSchemaRegistry registry;
    private static StubXCart xcart;
    private static StubClarity clarity;
    private static final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private static StorefrontSinkService sink;
    private static KafkaProducer<String, byte[]> producer;
    private static ConfluentAvroSerde<InventoryLevel> levels;
    private static ConfluentAvroSerde<Shipment> shipments;
    private static Admin admin;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        levels = new ConfluentAvroSerde<>(client, InventoryLevel.class);
        shipments = new ConfluentAvroSerde<>(client, Shipment.class);
        xcart = new StubXCart();
        clarity = new StubClarity();
        StorefrontSinkConfig config = StorefrontSinkConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", bootstrap,
                "BRIDGE_SCHEMA_REGISTRY_URL", registry.url(),
                "BRIDGE_XCART_URL", xcart.baseUrl(), "BRIDGE_XCART_TOKEN", StubXCart.TOKEN,
                "BRIDGE_CLARITY_URL", clarity.baseUrl(), "BRIDGE_CLARITY_TOKEN", StubClarity.TOKEN,
                "BRIDGE_STOREFRONT_TIMEOUT", "3s",
                "BRIDGE_RETRY_DELAYS", "2s,2s,3s",
                "BRIDGE_CIRCUIT_FAILURES", "3",
                "BRIDGE_CIRCUIT_OPEN_FOR", "1s")));
        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", bootstrap);
        admin = Admin.create(adminProps);
        new TopicInitializer(admin, (short) 1, 1).createMissing(Topics.all(), Duration.ofSeconds(30));
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap);
        producerProps.put("acks", "all");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        sink = StorefrontSinkService.withSchemaRegistry(config, metrics).start();
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {sink, producer, admin, xcart, clarity, registry}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the broker goes away with the class anyway
            }
        }
    }

    @BeforeEach
    void storefrontsUp() {
        await("both circuits closed", () -> sink.circuitState(Storefront.XCART) != CircuitBreaker.State.OPEN
                && sink.circuitState(Storefront.CLARITY) != CircuitBreaker.State.OPEN);
    }

    @AfterEach
    void clearFaults() {
        xcart.unavailablePaths.clear();
        clarity.unavailablePaths.clear();
    }

    @Test
    void shouldParkShipmentsInRetryWhileAStorefrontIsDownAndDeliverEachOnceInOrderAfterwards() throws Exception {
        int orders = 6;
        for (int i = 0; i < orders; i++) {
            xcart.addOrder(Integer.toString(40_000 + i), "P");
        }
        long openedBefore = opened(Storefront.XCART);
        xcart.goDown();
        try {
            for (int i = 0; i < orders; i++) {
                sendShipment("xcart:" + (40_000 + i), "1ZDOWN" + i);
            }
            sendShipment("xcart:40000", "1ZDOWN0-SECOND");

            await("every shipment waiting in retry.storefront-sink.1", () -> IntStream.range(0, orders)
                    .allMatch(i -> !withKey(Topics.retry("storefront-sink", 1).name(), "xcart:" + (40_000 + i))
                            .isEmpty()));
            // down for about 10 s: the circuit re-opens after each failed probe, about once a second
            await("X-Cart's circuit opened repeatedly", () -> opened(Storefront.XCART) >= openedBefore + 8);
            assertThat(IntStream.range(0, orders).filter(i -> !xcart.orders.get(Integer.toString(40_000 + i))
                    .status.equals("P")).count()).isZero();
        } finally {
            xcart.comeUp();
        }

        await("every X-Cart order shipped", () -> IntStream.range(0, orders).allMatch(i ->
                xcart.orders.get(Integer.toString(40_000 + i)).status.equals("S")));
        await("the second shipment of 40000 delivered", () -> xcart.orders.get("40000").tracking.size() == 2);
        assertThat(xcart.orders.get("40000").tracking).containsExactly("1ZDOWN0", "1ZDOWN0-SECOND");
        for (int i = 1; i < orders; i++) {
            assertThat(xcart.orders.get(Integer.toString(40_000 + i)).tracking).containsExactly("1ZDOWN" + i);
            assertThat(xcart.stateChangingCalls("/api/orders/" + (40_000 + i) + "/")).as("order " + i).isEqualTo(2);
        }
        assertThat(xcart.stateChangingCalls("/api/orders/40000/")).isEqualTo(3);
        assertThat(withKeyPrefix(Topics.DLQ_STOREFRONT_SINK.name(), "xcart:400")).isEmpty();
        assertThat(IntStream.range(0, orders).allMatch(i -> withKey(Topics.retry("storefront-sink", 3).name(),
                "xcart:" + (40_000 + i)).isEmpty())).as("nothing reached the last retry level").isTrue();
    }

    @Test
    void shouldDeadLetterAShipmentThatAlwaysFailsTransientlyAsRetriesExhaustedWithTheContractHeaders()
            throws Exception {
        clarity.addOrder("CL-50001", "Confirmed");
        clarity.unavailablePaths.add("/Ship/CL-50001");

        RecordMetadata sent = sendShipment("clarity:CL-50001", "7700EXHAUST");

        await("the retries-exhausted dead letter", () -> !withKey(Topics.DLQ_STOREFRONT_SINK.name(),
                "clarity:CL-50001").isEmpty());
        ConsumerRecord<String, byte[]> letter = withKey(Topics.DLQ_STOREFRONT_SINK.name(), "clarity:CL-50001").get(0);
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("retries-exhausted");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).startsWith("gave up after 4 attempts over 3 retry "
                + "levels; last failure: Clarity answered 503");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.shipments");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("storefront-sink");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT)))
                .isBetween(System.currentTimeMillis() - 120_000, System.currentTimeMillis());
        assertThat(letter.headers().lastHeader(RetryHeaders.ATTEMPT)).isNull();
        assertThat(letter.value()).isEqualTo(withKey(Topics.CANONICAL_SHIPMENTS.name(), "clarity:CL-50001").get(0)
                .value());
        for (int level = 1; level <= 3; level++) {
            List<ConsumerRecord<String, byte[]>> waited = withKey(Topics.retry("storefront-sink", level).name(),
                    "clarity:CL-50001");
            assertThat(waited).as("level " + level).singleElement().satisfies(r -> {
                assertThat(r.headers().lastHeader(RetryHeaders.NOT_BEFORE)).isNotNull();
                assertThat(r.headers().lastHeader(RetryHeaders.ATTEMPT)).isNotNull();
            });
            assertThat(header(waited.get(0), RetryHeaders.ATTEMPT)).isEqualTo(Integer.toString(level));
        }
        assertThat(clarity.orders.get("CL-50001").status).isEqualTo("Confirmed");
    }

    @Test
    void shouldDropAStockLevelInRetryThatALaterLevelSupersededAndNeverWriteItAfterTheLaterOne() throws Exception {
        String sku = "RETRY-SKU-1";
        StubStorefront.Product product = xcart.addProduct(sku, 0, "1.00");
        clarity.addProduct(sku, 0, "1.00");
        String productPath = "/api/products/" + product.id;
        xcart.unavailablePaths.add(productPath);

        sendLevel(sku, BASE + 1, 5);
        await("the first level in retry", () -> withKey(Topics.retry("storefront-sink", 1).name(), sku).size() == 1);
        sendLevel(sku, BASE + 2, 9);
        await("the second level in retry too", () -> withKey(Topics.retry("storefront-sink", 1).name(), sku).size() == 2);
        int callsBeforeRecovery = xcart.calls.size();
        xcart.unavailablePaths.clear();

        await("X-Cart at the later level", () -> xcart.products.get(sku).amount == 9);
        await("the older level dropped as superseded",
                () -> metrics.counter("storefront.retry.superseded", "kind", "stock").count() >= 1);
        await("the retry records finished", () -> clarity.products.get(sku).amount == 9
                && metrics.find("storefront.retry.waiting").gauge().value() == 0);

        List<String> writesAfterRecovery;
        synchronized (xcart.calls) {
            writesAfterRecovery = xcart.calls.subList(callsBeforeRecovery, xcart.calls.size()).stream()
                    .filter(c -> c.method().equals("PUT") && c.path().equals(productPath)).map(c -> c.body()).toList();
        }
        assertThat(writesAfterRecovery).isNotEmpty().allSatisfy(body -> assertThat(body).contains("\"amount\":9"));
        assertThat(xcart.products.get(sku).amount).isEqualTo(9);
        assertThat(withKey(Topics.DLQ_STOREFRONT_SINK.name(), sku)).isEmpty();
    }

    private static long opened(Storefront storefront) {
        return (long) metrics.get("storefront.circuit.opened").tag("storefront", storefront.id()).functionCounter()
                .count();
    }

    private static void sendLevel(String sku, long changedAt, long available) throws Exception {
        String topic = Topics.CANONICAL_INVENTORY.name();
        producer.send(new ProducerRecord<>(topic, sku, levels.serializer().serialize(topic,
                CatalogUpdates.level(sku, changedAt, Long.toString(available))))).get();
    }

    private static RecordMetadata sendShipment(String orderKey, String tracking) throws Exception {
        String topic = Topics.CANONICAL_SHIPMENTS.name();
        Shipment shipment = Shipment.newBuilder().setOrderKey(orderKey)
                .setSource(orderKey.startsWith("xcart:") ? Source.XCART : Source.CLARITY)
                .setOrderId(Storefront.orderIdOf(orderKey)).setSourceEventId("evt-ship-" + tracking)
                .setEventTime(Instant.now()).setP21OrderNo("1000123").setPickTicketNo("PT-" + tracking)
                .setCarrier("UPS").setTrackingNumbers(List.of(tracking)).setShippedAt(Instant.now())
                .setLines(List.of()).build();
        return producer.send(new ProducerRecord<>(topic, orderKey, shipments.serializer().serialize(topic, shipment)))
                .get();
    }

    private static List<ConsumerRecord<String, byte[]>> withKey(String topic, String key) {
        return readAll(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> withKeyPrefix(String topic, String prefix) {
        return readAll(topic).stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
    }

    /** Every record of {@code topic} up to its current end. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition::getAsBoolean);
    }
}
