package dev.p21bridge.ingress.availability;

import static dev.p21bridge.ingress.availability.Levels.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reader on a real broker, written to as the transformer writes (transactions): it is caught up only after the
 * levels that were there at start, never answers a level of an aborted transaction, and follows new levels.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class InventoryMirrorIntegrationTest {

    private static final String TOPIC = Topics.CANONICAL_INVENTORY.name();

    /** The value bytes name a level of this map (no registry needed for what this test is about). */
    private final Map<String, InventoryLevel> values = new ConcurrentHashMap<>();
    private final Deserializer<InventoryLevel> deserializer = (topic, data) ->
            values.get(new String(data, StandardCharsets.UTF_8));

    @Test
    void shouldAnswerOnlyCommittedLevelsAndFollowNewOnes(TestKafka kafka) throws Exception {
        KafkaConfig config = KafkaConfig.from(new Environment(Map.of("BRIDGE_KAFKA_BOOTSTRAP",
                kafka.bootstrapServers())));
        try (Admin admin = Admin.create(ClientProperties.admin(config))) {
            new TopicInitializer(admin, config).createMissing(List.of(Topics.CANONICAL_INVENTORY),
                    Duration.ofSeconds(30));
        }
        values.put("a-committed", level("A", "5", 1_000));
        values.put("a-aborted", level("A", "999", 2_000));
        values.put("b-later", level("B", "7", 3_000));
        try (KafkaProducer<String, byte[]> producer = transactional(kafka)) {
            producer.initTransactions();
            send(producer, "A", "a-committed", true);
            send(producer, "A", "a-aborted", false);

            try (InventoryMirror mirror = new InventoryMirror(new KafkaConsumer<>(InventoryMirror.properties(config),
                    new StringDeserializer(), new ByteArrayDeserializer()), deserializer,
                    new AvailabilityLevels(100)).start()) {
                Await.until("caught up", Duration.ofSeconds(30), mirror::isCaughtUp);
                assertThat(mirror.levels().get("A").available()).isEqualTo(5);

                send(producer, "B", "b-later", true);
                Await.until("a new level followed", Duration.ofSeconds(30), () -> mirror.levels().get("B") != null);
                assertThat(mirror.levels().get("A").available()).as("the aborted level is never answered")
                        .isEqualTo(5);
            }
        }
    }

    private static KafkaProducer<String, byte[]> transactional(TestKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "inventory-mirror-test");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String value, boolean commit)
            throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8))).get();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }
}
