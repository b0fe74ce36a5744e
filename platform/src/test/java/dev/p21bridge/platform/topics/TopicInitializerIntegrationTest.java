package dev.p21bridge.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class TopicInitializerIntegrationTest {

    @Test
    void shouldCreateEveryCatalogTopicWithItsSettingsAndLeaveThemOnASecondRun(TestKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicInitializer initializer = new TopicInitializer(admin, (short) 1, 1);
            List<String> created = initializer.createMissing(Topics.all(), Duration.ofSeconds(30));
            assertThat(created).hasSize(Topics.all().size());
            // describable at once: services check partition counts right after creating their topics
            assertThat(admin.describeTopics(created).allTopicNames().get()).containsOnlyKeys(created);
            assertThat(initializer.createMissing(Topics.all(), Duration.ofSeconds(30))).isEmpty();

            Set<String> names = admin.listTopics().names().get();
            assertThat(names).containsAll(Topics.all().stream().map(Topic::name).toList());
            TopicDescription orders = admin.describeTopics(List.of("canonical.orders")).allTopicNames().get()
                    .get("canonical.orders");
            assertThat(orders.partitions()).hasSize(Topics.CANONICAL_ORDERS.partitions());

            ConfigResource inventory = new ConfigResource(ConfigResource.Type.TOPIC, "canonical.inventory");
            ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, "raw.xcart");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(inventory, raw)).all().get();
            assertThat(configs.get(inventory).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(raw).get("retention.ms").value())
                    .isEqualTo(Long.toString(Topics.RAW_XCART.retention().toMillis()));
            assertThat(Integer.parseInt(configs.get(raw).get("max.message.bytes").value())).isGreaterThan(2 * 1024 * 1024);
        }
    }
}
