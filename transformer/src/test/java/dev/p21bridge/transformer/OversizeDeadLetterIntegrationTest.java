package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 * On a real broker, where the producer's request limit and the topics' {@code max.message.bytes} apply (the
 * {@code TopologyTestDriver} checks neither): a raw record whose dead letter is over Kafka's default 1 MiB request
 * limit. Before, the send failed, the stream thread died and its replacement met the same record, so the next
 * order never came out.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OversizeDeadLetterIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void aDeadLetterOverOneMebibyteIsWrittenAndTheNextOrderIsStillTransformed(TestKafka kafka) throws Exception {
        String orderId = Long.toString(System.nanoTime() % 1_000_000_000L);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0).start()) {
            TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                    "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "BRIDGE_SCHEMA_REGISTRY_URL", registry.url(),
                    "BRIDGE_TRANSFORMER_APPLICATION_ID", "transformer-oversize-" + UUID.randomUUID()))).withStateDir(stateDir);
            try (TransformerService transformer = new TransformerService(config, new SimpleMeterRegistry()).start();
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                         ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * 1024 * 1024,
                         ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                         new StringSerializer(), new ByteArraySerializer())) {
                Await.until("the transformer running", Duration.ofSeconds(60), transformer::isRunning);

                byte[] notJson = ("{\"id\": " + orderId + ", " + "x".repeat(1_500_000)).getBytes(StandardCharsets.UTF_8);
                long badOffset = producer.send(raw(orderId, notJson, "evt-big-" + orderId)).get(30, TimeUnit.SECONDS).offset();
                String sample = new String(TransformerTopologyTest.sample("xcart/order.created.json"), StandardCharsets.UTF_8)
                        .replace("\"id\": 10452,", "\"id\": " + orderId + ",");
                producer.send(raw(orderId, sample.getBytes(StandardCharsets.UTF_8), "evt-next-" + orderId))
                        .get(30, TimeUnit.SECONDS);

                List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
                List<ConsumerRecord<String, byte[]>> orders = new ArrayList<>();
                try (KafkaConsumer<String, byte[]> dlq = consumer(kafka, Topics.DLQ_TRANSFORMER.name());
                     KafkaConsumer<String, byte[]> canonical = consumer(kafka, Topics.CANONICAL_ORDERS.name())) {
                    Await.until("the dead letter and the next order", Duration.ofSeconds(90), () -> {
                        dlq.poll(Duration.ofMillis(200)).forEach(record -> {
                            if (String.valueOf(badOffset).equals(DeadLetterHeaders.text(record.headers(),
                                    DeadLetterHeaders.ORIGINAL_OFFSET).orElse(null))
                                    && Topics.RAW_XCART.name().equals(DeadLetterHeaders.text(record.headers(),
                                    DeadLetterHeaders.ORIGINAL_TOPIC).orElse(null))) {
                                letters.add(record);
                            }
                        });
                        canonical.poll(Duration.ofMillis(200)).forEach(record -> {
                            if (("xcart:" + orderId).equals(record.key())) {
                                orders.add(record);
                            }
                        });
                        return !letters.isEmpty() && !orders.isEmpty();
                    }, () -> letters.size() + " dead letter(s), " + orders.size() + " order(s) at " + Instant.now());
                }
                assertThat(letters.get(0).value()).isEqualTo(notJson);
                assertThat(DeadLetterHeaders.text(letters.get(0).headers(), DeadLetterHeaders.ERROR_CLASS)).contains("mapping");
                assertThat(transformer.isRunning()).isTrue();
            }
        }
    }

    private static ProducerRecord<String, byte[]> raw(String key, byte[] body, String eventId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RAW_XCART.name(), key, body);
        record.headers().add("event-type", "order.created".getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        record.headers().add("received-at", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaConsumer<String, byte[]> consumer(TestKafka kafka, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
