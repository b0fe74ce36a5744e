package dev.p21bridge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.schemas.CanonicalSamples;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every canonical record, fully populated, goes through the serde, the embedded registry and a real broker and comes
 * back equal; the bytes on the topic are Confluent's wire format with the id the registry gave.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class CanonicalRoundTripIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static String bootstrapServers;
    private static EmbeddedSchemaRegistry registry;
    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void setUp(TestKafka kafka) throws Exception {
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(samples().map(sample -> new NewTopic(topicOf(sample), 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        registry = new EmbeddedSchemaRegistry(bootstrapServers, 0, "_schemas-" + RUN, (short) 1).start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                new StringSerializer(),
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(registry.url()), SpecificRecord.class));
    }

    @AfterAll
    static void tearDown() {
        producer.close(Duration.ofSeconds(5));
        registry.close();
    }

    static Stream<SpecificRecord> samples() {
        return CanonicalSamples.all().stream();
    }

    private static String topicOf(SpecificRecord sample) {
        return "canonical.roundtrip." + sample.getSchema().getName() + "." + RUN;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldComeBackEqualFromATopicInConfluentWireFormat(SpecificRecord sample) throws Exception {
        String topic = topicOf(sample);

        producer.send(new ProducerRecord<>(topic, "key-1", sample)).get(30, TimeUnit.SECONDS);
        byte[] bytes = firstValue(topic);

        SchemaRegistryClient freshClient = new SchemaRegistryClient(registry.url());
        int registeredId = freshClient.lookup(topic + "-value", sample.getSchema()).orElseThrow();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(new ConfluentAvroDeserializer<>(freshClient, SpecificRecord.class).deserialize(topic, bytes))
                .isInstanceOf(sample.getClass()).isEqualTo(sample);
        assertThat(freshClient.getById(registeredId)).isEqualTo(sample.getSchema());
    }

    private static byte[] firstValue(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<byte[]> values = new ArrayList<>();
            Await.until("a record on " + topic, Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
            return values.get(0);
        }
    }
}
