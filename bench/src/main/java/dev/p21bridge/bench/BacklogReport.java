package dev.p21bridge.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a backlog stands: per consumer group and topic, how many offsets lie between its committed position and the
 * end of the log. Printed when the load stops, it names the stage that fell behind (the transformer's group on the
 * raw topics, the p21-sink's on {@code canonical.orders}); offsets include transaction markers, so a lag of a few
 * per partition is no backlog.
 */
final class BacklogReport {

    private BacklogReport() {
    }

    static String describe(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, Long> lagByGroupAndTopic = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                committed.keySet().forEach(p -> ends.put(p, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
                        admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        lagByGroupAndTopic.merge(group.groupId() + " on " + partition.topic(),
                                latest.get(partition).offset() - offset.offset(), Long::sum);
                    }
                });
            }
            StringBuilder out = new StringBuilder();
            lagByGroupAndTopic.forEach((where, lag) -> out.append(String.format("  %-70s %8d%n", where, lag)));
            return out.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "  (interrupted)";
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "  (lag not available: " + e + ")";
        }
    }
}
