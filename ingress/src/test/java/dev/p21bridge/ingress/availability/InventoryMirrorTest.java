package dev.p21bridge.ingress.availability;

import static dev.p21bridge.ingress.availability.Levels.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader on a mock consumer: caught up only at the end the topic had at start; bad records skipped. */
class InventoryMirrorTest {

    private static final String TOPIC = Topics.CANONICAL_INVENTORY.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    /** The value bytes name a level of this map, or are unreadable. */
    private final Map<String, InventoryLevel> values = new ConcurrentHashMap<>();
    private final Deserializer<InventoryLevel> deserializer = (topic, data) -> {
        InventoryLevel level = values.get(new String(data, StandardCharsets.UTF_8));
        if (level == null) {
            throw new SerializationException("not a level");
        }
        return level;
    };
    private InventoryMirror mirror;

    @AfterEach
    void close() {
        mirror.close();
    }

    @Test
    void shouldBeCaughtUpOnlyOnceEveryPartitionIsReadToItsEndAtStart() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 2L, P1, 1L));
        values.put("a1", level("A", "5", 1_000));
        values.put("a2", level("A", "3", 2_000));
        values.put("b1", level("B", "8", 1_000));
        // the first poll sees partition 0 only: not caught up while partition 1 is unread
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, "A", "a1"));
            consumer.addRecord(record(P0, 1, "A", "a2"));
        });
        mirror = new InventoryMirror(consumer, deserializer, new AvailabilityLevels(10)).start();

        Await.until("partition 0 read", Duration.ofSeconds(10), () -> mirror.levels().get("A") != null);
        assertThat(mirror.isCaughtUp()).isFalse();
        assertThat(mirror.levels().get("A").available()).isEqualTo(3);

        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P1, 0, "B", "garbage"));
            consumer.addRecord(record(P1, 1, "B", "b1"));
        });
        Await.until("caught up", Duration.ofSeconds(10), mirror::isCaughtUp);
        assertThat(mirror.levels().get("B").available()).isEqualTo(8);
        assertThat(mirror.skipped()).isEqualTo(1);

        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 2, "A", null)));
        Await.until("a tombstone followed", Duration.ofSeconds(10), () -> mirror.levels().get("A") == null);
    }

    @Test
    void shouldBeCaughtUpAtOnceOnAnEmptyTopic() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L));
        mirror = new InventoryMirror(consumer, deserializer, new AvailabilityLevels(10)).start();

        Await.until("caught up", Duration.ofSeconds(10), mirror::isCaughtUp);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, String key,
                                                         String value) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
