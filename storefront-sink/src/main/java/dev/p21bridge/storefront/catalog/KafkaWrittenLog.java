package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.topics.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.kafka.TopicReplay;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WrittenLevels.Log} on the compacted topic {@link Topics#STOREFRONT_WRITTEN}: marks are appended with the
 * service's durable producer (acks=all, idempotent) and read back whole, from the beginning to the end offsets seen
 * at start, with a consumer outside any group.
 */
public final class KafkaWrittenLog implements WrittenLevels.Log {

    private static final Logger log = LoggerFactory.getLogger(KafkaWrittenLog.class);
    private static final Duration REPLAY_LIMIT = Duration.ofMinutes(2);

    private final Producer<String, byte[]> producer;
    private final KafkaConfig config;
    private final ObjectMapper json;
    private final String topic = Topics.STOREFRONT_WRITTEN.name();

    public KafkaWrittenLog(Producer<String, byte[]> producer, KafkaConfig config, ObjectMapper json) {
        this.producer = producer;
        this.config = config;
        this.json = json;
    }

    @Override
    public Future<?> append(String key, WrittenLevels.Mark mark) {
        byte[] value;
        try {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("changedAt", mark.changedAt());
            fields.put("value", mark.value().toPlainString());
            fields.put("offset", mark.offset());
            if (mark.basis() != null) {
                fields.put("counted", mark.basis().counted().toPlainString());
                fields.put("uncounted", mark.basis().uncounted().stream().map(b -> Map.of("minute", b.minute(),
                        "units", b.units().toPlainString())).toList());
            }
            if (mark.descriptionHash() != null) {
                fields.put("description", mark.descriptionHash());
            }
            value = json.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a mark", e);
        }
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    @Override
    public void replay(BiConsumer<String, WrittenLevels.Mark> into) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.backlogReader(config, "unused", "storefront-sink-written-replay"))) {
            TopicReplay.readToEnd(consumer, topic, REPLAY_LIMIT,
                    record -> read(record).ifPresent(mark -> into.accept(record.key(), mark)));
        }
    }

    private static UncountedSales.Basis basis(JsonNode node) {
        if (!node.path("counted").isTextual()) {
            return null;
        }
        List<UncountedSales.Bucket> uncounted = new ArrayList<>();
        node.path("uncounted").forEach(b -> uncounted.add(new UncountedSales.Bucket(b.path("minute").asLong(),
                new BigDecimal(b.path("units").asText()))));
        return new UncountedSales.Basis(new BigDecimal(node.path("counted").asText()), uncounted);
    }

    private Optional<WrittenLevels.Mark> read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(record.value());
            return Optional.of(new WrittenLevels.Mark(node.path("changedAt").asLong(),
                    new BigDecimal(node.path("value").asText()), node.path("offset").asLong(-1), basis(node),
                    node.hasNonNull("description") ? node.get("description").asText() : null));
        } catch (IOException | NumberFormatException e) {
            log.warn("ignoring an unreadable mark at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
    }
}
