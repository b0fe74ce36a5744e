package dev.p21bridge.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
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

            // canonical topics stored in gzip, whatever their producers send; internal ones as their producers send
            Map<String, String> compression = compressionOf(admin, List.copyOf(names));
            List<String> canonical = Topics.all().stream().map(Topic::name)
                    .filter(name -> name.startsWith("canonical.")).toList();
            assertThat(canonical).hasSizeGreaterThanOrEqualTo(12);
            canonical.forEach(name -> assertThat(compression.get(name)).as(name).isEqualTo("gzip"));
            assertThat(compression.get(Topics.RAW_XCART.name())).isEqualTo("producer");
            assertThat(compression.get(Topics.DLQ_P21_SINK.name())).isEqualTo("producer");
        }
    }

    @Test
    void shouldDescribeATopicAnotherClientCreatesWhileItAsksAndNameOneThatNeverCame(TestKafka kafka) throws Exception {
        String late = "late-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicInitializer initializer = new TopicInitializer(admin, (short) 1, 1);
            // unknown when first asked: the describe asks again until it is there (as a broker learns of a new topic)
            CompletableFuture<Map<String, TopicDescription>> described = CompletableFuture.supplyAsync(
                    () -> initializer.describe(List.of(late), Duration.ofSeconds(30)));
            admin.createTopics(List.of(new NewTopic(late, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(described.get(30, TimeUnit.SECONDS).get(late).partitions()).hasSize(3);

            assertThatThrownBy(() -> initializer.describe(List.of("never-" + late), Duration.ofMillis(500)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("never-" + late);
        }
    }

    @Test
    void shouldSwitchACanonicalTopicCreatedBeforeTheContractAskedForGzipAndLeaveAnInternalOne(TestKafka kafka)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Topic<byte[]> canonical = new Topic<>("canonical.upgraded-" + run, 2, false, null, byte[].class, "upgraded");
        Topic<byte[]> internal = new Topic<>("raw.upgraded-" + run, 2, false, null, byte[].class, "upgraded");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // as an older bridge, or an operator, created them: lz4 stored
            admin.createTopics(Stream.of(canonical, internal).map(topic -> new NewTopic(topic.name(), 2, (short) 1)
                    .configs(Map.of("compression.type", "lz4"))).toList()).all().get(30, TimeUnit.SECONDS);
            TopicInitializer initializer = new TopicInitializer(admin, (short) 1, 1);

            assertThat(initializer.createMissing(List.of(canonical, internal), Duration.ofSeconds(30))).isEmpty();

            Map<String, String> compression = compressionOf(admin, List.of(canonical.name(), internal.name()));
            assertThat(compression).containsEntry(canonical.name(), "gzip").containsEntry(internal.name(), "lz4");
            // a second start finds nothing to change
            assertThat(initializer.createMissing(List.of(canonical, internal), Duration.ofSeconds(30))).isEmpty();
            assertThat(compressionOf(admin, List.of(canonical.name()))).containsEntry(canonical.name(), "gzip");
        }
    }

    private static Map<String, String> compressionOf(Admin admin, List<String> topics) throws Exception {
        List<ConfigResource> resources = topics.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        return admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(),
                        entry -> entry.getValue().get("compression.type").value()));
    }
}
