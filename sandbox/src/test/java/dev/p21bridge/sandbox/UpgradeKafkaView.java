package dev.p21bridge.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the upgrade fixture and its test look at in Kafka, by the contract's topic names only: end offsets, the
 * records written after given offsets, and whether every consumer group, whatever its name, has taken in a topic.
 * Group names are none of the contract's business, so a version may rename them; a renamed group starts from the
 * beginning, and what it writes again then shows after the old end offsets.
 */
final class UpgradeKafkaView implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String bootstrap;
    private final Admin admin;

    UpgradeKafkaView(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** The end offset of each partition of {@code topic}, by partition number. */
    List<Long> endOffsets(String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            List<Long> offsets = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                offsets.add(ends.get(new TopicPartition(topic, p)).offset());
            }
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    /** The committed records of {@code topic} at or after {@code from} (per partition), up to the end offsets now. */
    List<ConsumerRecord<String, byte[]>> readFrom(String topic, List<Long> from) {
        List<Long> ends = endOffsets(topic);
        if (ends.size() != from.size()) {
            throw new IllegalStateException(topic + " has " + ends.size() + " partitions, the fixture knew "
                    + from.size());
        }
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < from.size(); p++) {
            start.put(new TopicPartition(topic, p), from.get(p));
            end.put(new TopicPartition(topic, p), ends.get(p));
        }
        return read(start, end);
    }

    /**
     * What some consumer group has not taken in of {@code topics}: one line per record after a group's committed
     * offset, for every group with members that committed offsets on them. Counted by reading from the committed
     * offsets, since a committed offset stops short of the end by the commit marker of a transactional producer.
     * Empty when every group is done with everything written so far.
     */
    List<String> notTakenIn(List<String> topics) {
        List<String> behind = new ArrayList<>();
        Map<String, List<Long>> ends = new HashMap<>();
        topics.forEach(topic -> ends.put(topic, endOffsets(topic)));
        for (String group : activeGroups()) {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                continue; // a group of another kind, or one gone since it was listed
            }
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && ends.containsKey(partition.topic())) {
                    start.put(partition, offset.offset());
                    end.put(partition, ends.get(partition.topic()).get(partition.partition()));
                }
            });
            read(start, end).forEach(r -> behind.add(group + " " + r.topic() + "-" + r.partition() + "@" + r.offset()));
        }
        return behind;
    }

    /**
     * The groups with members. One left empty is no one's any more (a group a version retired or renamed); its
     * offsets stay where they were and say nothing about what runs now.
     */
    private List<String> activeGroups() {
        try {
            return admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .filter(group -> group.groupState().map(state -> state != GroupState.EMPTY
                            && state != GroupState.DEAD).orElse(true))
                    .map(GroupListing::groupId).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the consumer groups", e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        if (from.isEmpty()) {
            return records;
        }
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(from.keySet());
            from.forEach(reader::seek);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (to.entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + from.keySet() + " to " + to + " within "
                            + PATIENCE);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    @Override
    public void close() {
        admin.close();
    }
}
