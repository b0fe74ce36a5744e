package dev.p21bridge.app.console;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the flows' topics end and where their consumer groups are, read with the Admin client: lag is a group's
 * distance to the end, summed over a topic's partitions. Reading joins no group and moves no offset.
 */
final class KafkaPositions {

    /** One reading: each partition's end offset and each group's committed offsets. */
    record Reading(Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, Long>> committed) {

        /** The sum of the end offsets of these topics: every record ever written there. */
        long written(Collection<String> topics) {
            return ends.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** The records {@code group} has committed on these topics (a partition without a commit counts as 0). */
        long consumed(String group, Collection<String> topics) {
            return committed.getOrDefault(group, Map.of()).entrySet().stream()
                    .filter(e -> topics.contains(e.getKey().topic())).mapToLong(Map.Entry::getValue).sum();
        }

        /** How far {@code group} is behind the end of these topics. */
        long lag(String group, Collection<String> topics) {
            Map<TopicPartition, Long> positions = committed.getOrDefault(group, Map.of());
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (topics.contains(end.getKey().topic())) {
                    lag += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
                }
            }
            return lag;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    KafkaPositions(Admin admin) {
        this.admin = admin;
    }

    Reading read(Collection<String> topics, Collection<String> groups) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions(topic); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                : admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
            ends.put(end.getKey(), end.getValue().offset());
        }
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> offset : admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
                if (offset.getValue() != null) {
                    offsets.put(offset.getKey(), offset.getValue().offset());
                }
            }
            committed.put(group, offsets);
        }
        return new Reading(ends, committed);
    }

    private int partitions(String topic) throws Exception {
        Integer known = partitions.get(topic);
        if (known == null) {
            known = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            partitions.put(topic, known);
        }
        return known;
    }
}
