package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/contract.md, section 'Topics': canonical topics are readable by every mainstream client without plugins.
 * kafkajs decodes no lz4, snappy or zstd batch without a codec plugin, so it reads {@code canonical.orders} here:
 * an order the transformer wrote, and one an operator's tool sent in lz4, which the broker stores in gzip as the
 * topic says. Needs {@code node} and {@code npm} ({@link NodeCanonicalReader}).
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class CanonicalTopicsNodeClientIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldLetKafkajsDecodeCanonicalOrdersThroughTheRegistryWithoutACodecPlugin(TestKafka kafka) throws Exception {
        NodeCanonicalReader reader = NodeCanonicalReader.install();
        String orderId = Long.toString(System.nanoTime() % 1_000_000_000L);
        String topic = Topics.CANONICAL_ORDERS.name();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0).start()) {
            TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                    "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "BRIDGE_SCHEMA_REGISTRY_URL", registry.url(),
                    "BRIDGE_TRANSFORMER_APPLICATION_ID", "transformer-node-" + UUID.randomUUID()))).withStateDir(stateDir);
            Order transformed;
            try (TransformerService transformer = new TransformerService(config, new SimpleMeterRegistry()).start();
                 KafkaProducer<String, byte[]> ingress = lz4Producer(kafka, new ByteArraySerializer())) {
                ingress.send(rawOrder(orderId)).get(30, TimeUnit.SECONDS);
                transformed = firstOrder(kafka, registry, "xcart:" + orderId);
            }
            Order fromATool = Order.newBuilder(transformed).setOrderId(orderId + "0").setOrderKey("xcart:" + orderId + "0")
                    .build();
            try (KafkaProducer<String, Order> tool = lz4Producer(kafka,
                    new ConfluentAvroSerializer<>(new SchemaRegistryClient(registry.url()), Order.class))) {
                tool.send(new ProducerRecord<>(topic, fromATool.getOrderKey(), fromATool)).get(30, TimeUnit.SECONDS);
            }

            JsonNode records = reader.read(kafka.bootstrapServers(), registry.url(), topic, Duration.ofSeconds(30),
                    List.of(transformed.getOrderKey(), fromATool.getOrderKey()));

            for (Order written : List.of(transformed, fromATool)) {
                JsonNode read = valueOf(records, written.getOrderKey());
                assertThat(read.path("orderKey").asText()).isEqualTo(written.getOrderKey());
                assertThat(read.path("orderId").asText()).isEqualTo(written.getOrderId());
                assertThat(read.path("currency").asText()).isEqualTo(written.getCurrency());
                assertThat(read.path("orderDate").asLong()).isEqualTo(written.getOrderDate().toEpochMilli());
                assertThat(decimal(read.path("totals").path("total"))).isEqualTo(written.getTotals().getTotal());
                assertThat(read.path("lines")).hasSize(written.getLines().size());
                assertThat(read.path("lines").path(0).path("sku").asText())
                        .isEqualTo(written.getLines().get(0).getSku());
            }
            assertThat(decimal(valueOf(records, transformed.getOrderKey()).path("totals").path("total")))
                    .isEqualByComparingTo("413.22");
        }
    }

    /** The Avro decimal as kafkajs' registry client gives it, bytes (here hex): unscaled two's complement, scale 4. */
    private static BigDecimal decimal(JsonNode hex) {
        return new BigDecimal(new BigInteger(HexFormat.of().parseHex(hex.asText())), 4);
    }

    private static JsonNode valueOf(JsonNode records, String key) {
        for (JsonNode record : records) {
            if (record.path("key").asText().equals(key)) {
                return record.path("value");
            }
        }
        throw new AssertionError("the Node reader did not return " + key + ": " + records);
    }

    private static <V> KafkaProducer<String, V> lz4Producer(TestKafka kafka,
                                                            org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), values);
    }

    /** An X-Cart order.created as the ingress writes it. */
    private static ProducerRecord<String, byte[]> rawOrder(String orderId) throws Exception {
        String body = new String(TransformerTopologyTest.sample("xcart/order.created.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 10452,", "\"id\": " + orderId + ",");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RAW_XCART.name(), orderId,
                body.getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", "order.created".getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", ("evt-node-" + orderId).getBytes(StandardCharsets.UTF_8));
        record.headers().add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        record.headers().add("received-at", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static Order firstOrder(TestKafka kafka, EmbeddedSchemaRegistry registry, String key) {
        String topic = Topics.CANONICAL_ORDERS.name();
        AtomicReference<Order> order = new AtomicReference<>();
        try (KafkaConsumer<String, Order> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(),
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.url()), Order.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until("the transformer's order " + key + " on " + topic, Duration.ofSeconds(45), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        order.set(record.value());
                    }
                });
                return order.get() != null;
            });
        }
        return order.get();
    }
}
