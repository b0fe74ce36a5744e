package dev.p21bridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaBrokerIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepRecordsAndCommittedOffsetsWhenRestartedOnTheSameDataDir() throws Exception {
        TopicPartition partition = new TopicPartition("orders", 0);
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            port = broker.port();
            createTopic(broker, partition.topic());
            produce(broker, partition.topic(), Map.of(), "first", "second");
            try (KafkaConsumer<String, String> consumer = consumer(broker, "earlier-group", Map.of())) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::value).containsExactly("first", "second");
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
            }
            broker.close();
            broker.close();
        }

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
             Admin admin = admin(again);
             KafkaConsumer<String, String> consumer = consumer(again, "new-group", Map.of())) {
            assertThat(again.port()).isEqualTo(port);
            consumer.subscribe(List.of(partition.topic()));
            assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::value).containsExactly("first", "second");
            assertThat(admin.listConsumerGroupOffsets("earlier-group").partitionsToOffsetAndMetadata().get())
                    .containsEntry(partition, new OffsetAndMetadata(1));
        }
    }

    @Test
    void shouldCommitATransactionThatAReadCommittedConsumerSees() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            createTopic(broker, "payments");
            produce(broker, "payments", Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()), "paid");
            Map<String, Object> readCommitted = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, String> consumer = consumer(broker, "tx-reader", readCommitted)) {
                consumer.subscribe(List.of("payments"));
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("paid");
            }
        }
    }

    @Test
    void shouldRunTransactionsAtVersionOneAlsoOnADataDirRaisedToTwoBefore() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
             Admin admin = admin(broker)) {
            assertThat(transactionVersion(admin)).isEqualTo((short) 1);
            admin.updateFeatures(Map.of("transaction.version", new FeatureUpdate(
                    (short) 2, FeatureUpdate.UpgradeType.UPGRADE)),
                    new UpdateFeaturesOptions()).all().get(30, TimeUnit.SECONDS);
            // the controller has taken the update; the broker that answers describeFeatures learns it a moment later
            assertThat(transactionVersionOnceItIs(admin, (short) 2)).isEqualTo((short) 2);
        }
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
             Admin admin = admin(again)) {
            assertThat(transactionVersion(admin)).isEqualTo((short) 1);
        }
    }

    /** The finalized version, read again until it is {@code expected} or 30 s have passed. */
    private static short transactionVersionOnceItIs(Admin admin, short expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        short seen = transactionVersion(admin);
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = transactionVersion(admin);
        }
        return seen;
    }

    private static short transactionVersion(Admin admin) throws Exception {
        return admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures()
                .get("transaction.version").maxVersionLevel();
    }

    @Test
    void shouldRefuseToStartWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(taken.getLocalPort()).build();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            broker.close();
        }
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Idempotent, acks=all; transactional when the extra settings carry a transactional.id. */
    private static void produce(EmbeddedKafkaBroker broker, String topic, Map<String, Object> extra, String... values)
            throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        config.putAll(extra);
        boolean transactional = extra.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
            if (transactional) {
                producer.commitTransaction();
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group,
                                                          Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        config.putAll(extra);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long giveUpAt = System.nanoTime() + DEADLINE.toNanos();
        while (records.size() < count && System.nanoTime() < giveUpAt) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
