package dev.p21bridge.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the leader of every partition of some topics answers a ListOffsets request, which it only does once
 * it has created the partition's log: the moment a producer can write there without a retry.
 */
final class PartitionReadiness {

    private PartitionReadiness() {
    }

    static void await(Admin admin, List<String> topics, Duration deadline) throws InterruptedException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                    topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                            OffsetSpec.latest()));
                }
                admin.listOffsets(latest).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("partitions of " + topics + " not served within " + deadline, e);
                }
                Thread.sleep(100);
            }
        }
    }
}
