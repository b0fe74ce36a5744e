package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer runs as two applications, each its own consumer group, and a stopped transformer leaves both groups
 * at once: the instance started next (a restart of the bridge) gets every partition at its first rebalance instead of
 * waiting out the old member's session timeout (45 s), during which no P21 change, shipment or order would move.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class TransformerServiceIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldLeaveBothConsumerGroupsWhenClosed(TestKafka kafka) throws Exception {
        String applicationId = "transformer-leave-" + UUID.randomUUID();
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "BRIDGE_TRANSFORMER_APPLICATION_ID", applicationId))).withStateDir(stateDir);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TransformerService transformer = new TransformerService(config, new SimpleMeterRegistry()).start();
            try {
                await(Duration.ofSeconds(60), () -> members(admin, applicationId) > 0
                        && members(admin, applicationId + "-inventory") > 0 && transformer.isRunning());
            } finally {
                transformer.close();
            }
            Instant closed = Instant.now();
            await(Duration.ofSeconds(40), () -> members(admin, applicationId) == 0
                    && members(admin, applicationId + "-inventory") == 0);
            assertThat(Duration.between(closed, Instant.now())).as("left the group, not timed out of it")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldRefuseToStartWhenTheStockReadingsTopicHasOtherPartitionsThanTheInventoryApplication(TestKafka kafka)
            throws Exception {
        String topic = Topics.STOCK_READINGS.name();
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "BRIDGE_TRANSFORMER_APPLICATION_ID", "transformer-partitions-" + UUID.randomUUID()))).withStateDir(stateDir);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            deleteIfPresent(admin, topic);
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // until the broker lists it, start() would see it missing and race to create it with 6 partitions
            await(Duration.ofSeconds(30), () -> partitions(admin, topic) == 3);
            try {
                TransformerService transformer = new TransformerService(config, new SimpleMeterRegistry());
                assertThatThrownBy(transformer::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("topic bridge.stock-readings has 3 partitions")
                        .hasMessageContaining("needs 6");
                assertThat(transformer.isRunning()).isFalse();
            } finally {
                deleteIfPresent(admin, topic);
            }
        }
    }

    /** Deletes the topic and waits until the broker no longer lists it, so the next test may create it anew. */
    private static void deleteIfPresent(Admin admin, String topic) throws Exception {
        if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        await(Duration.ofSeconds(30), () -> partitions(admin, topic) == 0);
    }

    /**
     * Partitions of the topic as the broker describes it; 0 while the broker does not list it or cannot describe it:
     * a topic just created or deleted can be listed by one request and unknown to the next, until the broker's
     * metadata has caught up (CI saw a deleted topic listed and then described as unknown).
     */
    private static int partitions(Admin admin, String topic) {
        try {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int members(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.members().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void await(Duration timeout, Condition condition) {
        Await.until("condition", timeout, condition::holds);
    }
}
