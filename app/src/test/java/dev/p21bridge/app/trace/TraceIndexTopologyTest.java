package dev.p21bridge.app.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace index: what it keeps of an order's records, under which keys, and for how long. */
class TraceIndexTopologyTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final String EMAIL = "Dana.Whitfield@Example.com";

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver() {
        client = new SchemaRegistryClient(registry.url());
        TraceConfig config = TraceConfig.from(new Environment(Map.of("BRIDGE_KAFKA_BOOTSTRAP", "localhost:1",
                "BRIDGE_SCHEMA_REGISTRY_URL", registry.url()))).withStateDir(stateDir);
        driver = new TopologyTestDriver(TraceIndexService.topology(new TraceClassifier(new CanonicalRecords(client)),
                config.retention()), TraceIndexService.properties(config), START);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldKeepEveryRecordOfAnOrderOldestFirstAndFindItByEmailAndP21OrderNumber() {
        webhook("10452", "order.created", START);
        canonical(Topics.CANONICAL_ORDERS.name(), "xcart:10452",
                new ConfluentAvroSerializer<>(client, Order.class).serialize(Topics.CANONICAL_ORDERS.name(),
                        TraceRecords.order("10452", EMAIL, START)), START.plusMillis(40));
        canonical(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), "xcart:10452",
                new ConfluentAvroSerializer<>(client, OrderConfirmation.class).serialize(
                        Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
                        TraceRecords.confirmation("10452", "1000123", START)), START.plusMillis(300));
        webhook("10452", "product.updated", START.plusMillis(400));

        IndexValue order = index("order:xcart:10452");
        assertThat(order.entries()).extracting(TraceEntry::kind).containsExactly("webhook", "order", "confirmation");
        assertThat(order.entries()).extracting(TraceEntry::topic).containsExactly("raw.xcart", "canonical.orders",
                "canonical.order-confirmations");
        assertThat(order.entries().get(1).summary()).contains("total 21.0000 USD", "D***@Example.com")
                .doesNotContain(EMAIL);
        assertThat(order.entries().get(2).summary()).contains("P21 order 1000123");
        assertThat(index("email:dana.whitfield@example.com").orders()).containsExactly("xcart:10452");
        assertThat(index("p21:1000123").orders()).containsExactly("xcart:10452");
    }

    @Test
    void shouldFileADeadLetterUnderTheOrderOfTheRecordThatFailed() {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, Topics.CANONICAL_ORDERS.name());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.SERVICE, "p21-sink");
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ERROR_CLASS, "rejected-by-target");
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ERROR_MESSAGE, "P21 has no item NEW-ITEM-7");
        driver.createInputTopic(Topics.DLQ_P21_SINK.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>("xcart:777001", new byte[] {0, 0, 0, 0, 1}, headers, START));

        assertThat(index("order:xcart:777001").entries()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo("dead-letter");
            assertThat(entry.summary()).contains("p21-sink", "rejected-by-target", "NEW-ITEM-7");
        });
    }

    @Test
    void shouldForgetAnOrderWhoseNewestRecordOutlivedTheRetention() {
        webhook("10452", "order.created", START);
        driver.advanceWallClockTime(Duration.ofDays(29));
        assertThat(store().get("order:xcart:10452")).isNotNull();

        driver.advanceWallClockTime(Duration.ofDays(2));
        assertThat(store().get("order:xcart:10452")).isNull();
    }

    private void webhook(String id, String type, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", ("evt-" + id + "-" + type).getBytes(StandardCharsets.UTF_8));
        headers.add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(id, "{}".getBytes(StandardCharsets.UTF_8), headers, at));
    }

    private void canonical(String topic, String key, byte[] value, Instant at) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(key, value, new RecordHeaders(), at));
    }

    private IndexValue index(String key) {
        String value = store().get(key);
        assertThat(value).as("index key " + key).isNotNull();
        return IndexValue.fromJson(value);
    }

    private KeyValueStore<String, String> store() {
        return driver.getKeyValueStore(TraceIndexTopology.STORE);
    }
}
