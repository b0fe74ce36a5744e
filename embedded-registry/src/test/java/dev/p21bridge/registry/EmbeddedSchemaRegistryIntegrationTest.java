package dev.p21bridge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.RegistryHttp.Answer;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry on a real broker: its history in a compacted topic, and ids that survive a restart. */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedSchemaRegistryIntegrationTest {

    private static final String ORDERS = "canonical.orders-value";
    private static String bootstrapServers;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrapServers = kafka.bootstrapServers();
    }

    private static String uniqueTopic() {
        return "_schemas-" + UUID.randomUUID();
    }

    private static EmbeddedSchemaRegistry registryOn(String topic) {
        return new EmbeddedSchemaRegistry(bootstrapServers, 0, topic, (short) 1).start();
    }

    @Test
    void shouldKeepIdsVersionsAndLevelsAcrossARestartOnTheSameBroker() {
        String topic = uniqueTopic();
        try (EmbeddedSchemaRegistry registry = registryOn(topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());
            assertThat(http.register(ORDERS, TestSchemas.order()).body().path("id").asInt()).isEqualTo(1);
            assertThat(http.register("canonical.products-value", Product.getClassSchema()).body().path("id").asInt()).isEqualTo(2);
            assertThat(http.register(ORDERS, TestSchemas.orderWithOptionalField()).body().path("id").asInt()).isEqualTo(3);
            http.put("/config/" + ORDERS, "{\"compatibility\":\"FULL\"}");
        }

        try (EmbeddedSchemaRegistry restarted = registryOn(topic)) {
            RegistryHttp http = new RegistryHttp(restarted.url());

            assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/" + ORDERS + "/versions/2").body().path("id").asInt()).isEqualTo(3);
            assertThat(http.get("/schemas/ids/2").body().path("schema").asText()).isEqualTo(Product.getClassSchema().toString());
            assertThat(http.get("/config/" + ORDERS).body().path("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.register(ORDERS, TestSchemas.order()).body().path("id").asInt()).isEqualTo(1);
            assertThat(http.get("/subjects/" + ORDERS + "/versions").body().toString()).isEqualTo("[1,2]");
            assertThat(http.register("other-value", TestSchemas.orderWithRequiredField()).body().path("id").asInt()).isEqualTo(4);
        }
    }

    @Test
    void shouldKeepItsHistoryInACompactedOnePartitionTopicWithConfluentsKeys() throws Exception {
        String topic = uniqueTopic();
        try (EmbeddedSchemaRegistry registry = registryOn(topic)) {
            new RegistryHttp(registry.url()).register(ORDERS, TestSchemas.order());
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"" + ORDERS + "\",\"version\":1,\"magic\":1}");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).contains("\"id\":1");
    }

    @Test
    void shouldRefuseWhatConfluentRefusesWhenBackedByKafka() {
        try (EmbeddedSchemaRegistry registry = registryOn(uniqueTopic())) {
            RegistryHttp http = new RegistryHttp(registry.url());
            http.register(ORDERS, TestSchemas.order());

            Answer incompatible = http.register(ORDERS, TestSchemas.orderWithRequiredField());
            Answer invalid = http.post("/subjects/" + ORDERS + "/versions", RegistryHttp.schemaBody("{\"type\":\"nope\"}"));

            assertThat(incompatible.status()).isEqualTo(409);
            assertThat(incompatible.body().path("message").asText()).contains("incompatible").contains(ORDERS);
            assertThat(invalid.errorCode()).isEqualTo(42201);
            assertThat(http.get("/subjects/unknown-value/versions/latest").errorCode()).isEqualTo(40401);
            assertThat(http.get("/subjects/" + ORDERS + "/versions/9").errorCode()).isEqualTo(40402);
            assertThat(http.get("/schemas/ids/9").errorCode()).isEqualTo(40403);
            assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"" + ORDERS + "\"]");
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Await.until(expected + " records in " + topic, Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
