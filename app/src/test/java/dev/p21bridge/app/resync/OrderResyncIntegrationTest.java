package dev.p21bridge.app.resync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link OrderResync} on a real broker, as {@code ./bridge resync order} runs it without a console: the key's latest
 * record is found by reading the partition Kafka's own producer put it in, copied to bridge.resync.orders byte for
 * byte with its headers and {@code resync-requested-at}; unknown keys and records the p21-sink has not processed yet
 * are not re-sent.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderResyncIntegrationTest {

    private static KafkaConfig kafka;

    @BeforeAll
    static void createTopics(TestKafka broker) {
        kafka = KafkaConfig.from(new Environment(Map.of(KafkaConfig.BOOTSTRAP.name(), broker.bootstrapServers())));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicInitializer(admin, (short) 1, 1).createMissing(List.of(Topics.CANONICAL_ORDERS,
                    Topics.RESYNC_ORDERS), Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldResendTheLatestRecordOfTheKeyByteForByteOnceTheP21SinkHasProcessedIt() throws Exception {
        write("xcart:7001", "first");
        write("xcart:7002", "another order");
        RecordMetadata latest = write("xcart:7001", "second");
        commitP21Sink(latest.partition(), latest.offset() + 1);

        ResyncOutcome outcome;
        try (OrderResync resync = scanning()) {
            outcome = resync.resend("xcart:7001");
        }

        assertThat(outcome).isInstanceOf(ResyncOutcome.Resent.class);
        ResyncOutcome.Resent resent = (ResyncOutcome.Resent) outcome;
        assertThat(resent.sourceOffset()).isEqualTo(latest.offset());
        assertThat(resent.message()).isEqualTo("re-sent xcart:7001 (offset " + latest.offset()
                + " of canonical.orders) to bridge.resync.orders");
        ConsumerRecord<String, byte[]> copy = readResync(resent.partition(), resent.offset());
        assertThat(copy.key()).isEqualTo("xcart:7001");
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(copy.headers().lastHeader("mapping-version").value()).isEqualTo("7".getBytes(StandardCharsets.UTF_8));
        assertThat(Long.parseLong(new String(copy.headers().lastHeader(OrderResync.REQUESTED_AT).value(),
                StandardCharsets.UTF_8))).isEqualTo(resent.requestedAt());
        assertThat(copy.partition()).as("same partitioner, same partition count").isEqualTo(latest.partition());
    }

    @Test
    void shouldResendANewerRecordThanAnIndexThatTrailsTheTopicHolds() {
        RecordMetadata older = write("xcart:7004", "as created");
        RecordMetadata edited = write("xcart:7004", "as edited a moment ago");
        commitP21Sink(edited.partition(), edited.offset() + 1);
        ConsumerRecord<String, byte[]> indexed = new ConsumerRecord<>(Topics.CANONICAL_ORDERS.name(), older.partition(),
                older.offset(), "xcart:7004", "as created".getBytes(StandardCharsets.UTF_8));

        try (OrderResync resync = OrderResync.indexed(kafka, key -> Optional.of(indexed))) {
            ResyncOutcome outcome = resync.resend("xcart:7004");
            assertThat(outcome).isInstanceOf(ResyncOutcome.Resent.class);
            assertThat(((ResyncOutcome.Resent) outcome).sourceOffset()).isEqualTo(edited.offset());
        }
    }

    @Test
    void shouldNotResendARecordTheP21SinkHasNotProcessedYet() {
        RecordMetadata waiting = write("xcart:7003", "not processed");
        commitP21Sink(waiting.partition(), waiting.offset());

        try (OrderResync resync = scanning()) {
            ResyncOutcome outcome = resync.resend("xcart:7003");
            assertThat(outcome).isInstanceOf(ResyncOutcome.Pending.class);
            assertThat(outcome.message()).startsWith("not re-sent: the p21-sink has not processed xcart:7003's latest"
                    + " record yet");
        }
    }

    @Test
    void shouldAnswerUnknownForAKeyCanonicalOrdersNeverHeld() {
        try (OrderResync resync = scanning()) {
            ResyncOutcome outcome = resync.resend("clarity:no-such-order");
            assertThat(outcome).isInstanceOf(ResyncOutcome.Unknown.class);
            assertThat(outcome.message()).startsWith("no canonical order for key clarity:no-such-order");
        }
    }

    private static OrderResync scanning() {
        return OrderResync.scanning(kafka, new ScannedCanonicalOrders(kafka.clientProperties(), Duration.ofSeconds(30),
                total -> { }, read -> { }));
    }

    private static RecordMetadata write(String key, String value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), key,
                    value.getBytes(StandardCharsets.UTF_8));
            record.headers().add("mapping-version", "7".getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits the p21-sink group's position on one partition of canonical.orders, as its loop does after work. */
    private static void commitP21Sink(int partition, long next) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, P21SinkService.GROUP_ID);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(Topics.CANONICAL_ORDERS.name(), partition),
                    new OffsetAndMetadata(next)));
        }
    }

    private static ConsumerRecord<String, byte[]> readResync(int partition, long offset) {
        Properties props = kafka.clientProperties();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition where = new TopicPartition(Topics.RESYNC_ORDERS.name(), partition);
            consumer.assign(List.of(where));
            consumer.seek(where, offset);
            for (int polls = 0; polls < 50; polls++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record at " + where + "@" + offset);
        }
    }
}
