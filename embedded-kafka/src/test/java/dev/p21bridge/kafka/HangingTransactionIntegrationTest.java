package dev.p21bridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction whose coordinator no longer knows it stays open in its partition for ever, and read_committed
 * consumers stop in front of it. A killed restart makes one now and then (the coordinator skips markers for
 * partitions without a leader, see {@link HangingTransactionSweeper}); this test makes one for sure by losing the
 * coordinator's state while the transaction is open, and checks that the broker's sweeper aborts it.
 */
@Tag("integration")
class HangingTransactionIntegrationTest {

    /** The broker's maximum transaction timeout in this test; the sweeper acts 15 s after it. */
    private static final String MAX_TIMEOUT_MS = "3000";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void shouldAbortATransactionItsCoordinatorForgotSoReadersGetPastIt() throws Exception {
        TopicPartition partition = new TopicPartition("ledger", 0);
        try (EmbeddedKafkaBroker broker = broker().start()) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
            }
            KafkaProducer<String, String> producer = transactional(broker, "forgotten");
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), "lost")).get();
            // the broker stops with the transaction open; the producer is never heard of again
        }
        try (Stream<Path> dirs = Files.list(dataDir.resolve("log"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("__transaction_state-")).toList()) {
                deleteTree(dir);
            }
        }

        try (EmbeddedKafkaBroker broker = broker().start();
             KafkaConsumer<String, String> reader = readCommitted(broker)) {
            reader.assign(List.of(partition));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            long stable = 0;
            while (stable < 2 && System.nanoTime() < deadline) {  // the record and the abort marker
                stable = reader.endOffsets(List.of(partition)).get(partition);
                Thread.sleep(250);
            }
            assertThat(stable).as("last stable offset of %s", partition).isEqualTo(2);

            try (KafkaProducer<String, String> next = transactional(broker, "next")) {
                next.initTransactions();
                next.beginTransaction();
                next.send(new ProducerRecord<>(partition.topic(), "kept"));
                next.commitTransaction();
            }
            reader.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            assertThat(values).containsExactly("kept");
        }
    }

    private EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaBroker.builder().dataDir(dataDir)
                .property(BrokerSettings.TRANSACTION_MAX_TIMEOUT, MAX_TIMEOUT_MS).build();
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> transactional(EmbeddedKafkaBroker broker, String id) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 3000),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommitted(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
