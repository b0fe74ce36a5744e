package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskReason;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with six raw partitions: a store's orders are scored in one history whether they arrived on the
 * store's own partition (as the ingress writes them, scored in place) or on another (as an older ingress or a foreign
 * producer wrote them, moved through {@code risk-orders-by-store} to the same task), and before and after a restart
 * on an empty state directory (the history rebuilt from the sightings log's changelog). A card-testing burst split
 * over both partitions and the restart counts every card.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class RiskPartitionsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARDS_FROM_ONE_IP = Pattern.compile("(\\d+) cards from one IP");

    @TempDir
    Path firstStateDir;
    @TempDir
    Path secondStateDir;

    @Test
    void shouldCountAStoresOrdersInOneHistoryAcrossPartitionsAndARestart(TestKafka kafka) throws Exception {
        int first = (int) (System.nanoTime() % 100_000_000L) + 1_000_000;
        String ip = "203.0.113." + (first % 250);
        String email = "x7kq2vz9p" + first + "@mailinator.com";
        int storePartition = StorePartition.of("xcart", 6);
        int elsewhere = (storePartition + 1) % 6;
        String applicationId = "transformer-risk-partitions-" + UUID.randomUUID();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0).start();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> canonical = new KafkaConsumer<>(Map.of(
                     "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            ConfluentAvroSerde<Order> serde = new ConfluentAvroSerde<>(new SchemaRegistryClient(registry.url()), Order.class);
            Map<String, Order> scored = new HashMap<>();
            for (int round = 0; round < 2; round++) {
                // the second transformer starts on an empty state directory: its history comes from the changelog
                Path stateDir = round == 0 ? firstStateDir : secondStateDir;
                try (TransformerService transformer = new TransformerService(config(kafka, registry, applicationId,
                        stateDir), new SimpleMeterRegistry()).start()) {
                    Await.until("the transformer running", Duration.ofSeconds(60), transformer::isRunning);
                    if (round == 0) {
                        readFromStart(canonical); // the transformer created canonical.orders at its start
                    }
                    for (int i = round * 3; i < round * 3 + 3; i++) {
                        int id = first + i;
                        byte[] body = JSON.writeValueAsBytes(RiskTopologyTest.order(id, email, ip, "fp_" + first + "_" + i,
                                "US"));
                        producer.send(raw(i % 2 == 0 ? storePartition : elsewhere, id, body)).get(30, TimeUnit.SECONDS);
                    }
                    int expected = round * 3 + 3;
                    Await.until(expected + " scored orders", Duration.ofSeconds(90), () -> {
                        canonical.poll(Duration.ofMillis(200)).forEach(record -> {
                            int id = Integer.parseInt(record.key().substring(record.key().indexOf(':') + 1));
                            if (record.key().startsWith("xcart:") && id >= first && id < first + 6) {
                                scored.put(record.key(), serde.deserializer().deserialize(record.topic(), record.value()));
                            }
                        });
                        return scored.size() == expected;
                    }, () -> scored.size() + " of " + expected + " orders");
                }
            }

            assertThat(scored.values()).allSatisfy(order -> assertThat(order.getRisk()).isNotNull());
            assertThat(cardsFromOneIp(scored, first, 3)).as("cards from one IP before the restart").isEqualTo(3);
            assertThat(cardsFromOneIp(scored, first, 6)).as("cards from one IP across partitions and the restart")
                    .isEqualTo(6);
        }
    }

    private static TransformerConfig config(TestKafka kafka, EmbeddedSchemaRegistry registry, String applicationId,
                                            Path stateDir) {
        return TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "BRIDGE_SCHEMA_REGISTRY_URL", registry.url(),
                "BRIDGE_TRANSFORMER_APPLICATION_ID", applicationId))).withStateDir(stateDir);
    }

    /** The most cards from one IP that any of the first {@code orders} orders counted. */
    private static int cardsFromOneIp(Map<String, Order> scored, int first, int orders) {
        return scored.entrySet().stream()
                .filter(entry -> Integer.parseInt(entry.getKey().substring(entry.getKey().indexOf(':') + 1)) < first + orders)
                .flatMap(entry -> entry.getValue().getRisk().getReasons().stream())
                .filter(reason -> reason.getSignal().equals("cards-per-ip"))
                .map(RiskReason::getDetail)
                .mapToInt(RiskPartitionsIntegrationTest::cards)
                .max().orElse(0);
    }

    private static int cards(String detail) {
        Matcher matcher = CARDS_FROM_ONE_IP.matcher(detail);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static ProducerRecord<String, byte[]> raw(int partition, int id, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RAW_XCART.name(), partition,
                Integer.toString(id), body);
        record.headers().add("event-type", "order.created".getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", ("evt-" + id).getBytes(StandardCharsets.UTF_8));
        record.headers().add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        record.headers().add("store", "xcart".getBytes(StandardCharsets.UTF_8));
        record.headers().add("received-at", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void readFromStart(KafkaConsumer<String, byte[]> consumer) {
        String topic = Topics.CANONICAL_ORDERS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
