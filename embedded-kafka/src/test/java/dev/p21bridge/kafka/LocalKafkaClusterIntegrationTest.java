package dev.p21bridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class LocalKafkaClusterIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepCommittingTransactionsWhileOneOfThreeNodesIsStopped() throws Exception {
        try (LocalKafkaCluster cluster = LocalKafkaCluster.start(dir, 3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) -1))).all().get(30, TimeUnit.SECONDS);
            TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("orders");
            assertThat(orders.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "orders")))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures()
                    .get("transaction.version").maxVersionLevel()).isEqualTo((short) 1);

            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.initTransactions();
                send(producer, "before");
                cluster.stop(1);
                send(producer, "while-node-1-is-down");
                cluster.restart(1);
                send(producer, "after");
            }
            assertThat(readCommitted(cluster, 3)).containsExactlyInAnyOrder("before", "while-node-1-is-down", "after");
        }
    }

    private static void send(KafkaProducer<String, String> producer, String value) {
        producer.beginTransaction();
        for (int partition = 0; partition < 3; partition++) {
            producer.send(new ProducerRecord<>("orders", partition, value, value));
        }
        producer.commitTransaction();
    }

    private static KafkaProducer<String, String> producer(LocalKafkaCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-test",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    /** The values of partition 0, where each transaction wrote one record. */
    private static List<String> readCommitted(LocalKafkaCluster cluster, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            org.apache.kafka.common.TopicPartition first = new org.apache.kafka.common.TopicPartition("orders", 0);
            consumer.assign(Set.of(first));
            consumer.seekToBeginning(Set.of(first));
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < giveUpAt) {
                consumer.poll(Duration.ofMillis(500)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
        }
        return values;
    }
}
