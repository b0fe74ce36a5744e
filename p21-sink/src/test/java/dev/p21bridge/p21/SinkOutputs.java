package dev.p21bridge.p21;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the p21-sink wrote, read from the beginning outside any group: confirmations, dead letters and the records
 * put into {@code retry.p21-sink.1..3}. A test waits on a condition over them with a deadline.
 */
final class SinkOutputs implements AutoCloseable {

    private static final AvroTestSerde<OrderConfirmation> CONFIRMATIONS = new AvroTestSerde<>(OrderConfirmation.class);

    private final KafkaConsumer<String, byte[]> reader;
    final List<ConsumerRecord<String, byte[]>> confirmations = new ArrayList<>();
    final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    final List<ConsumerRecord<String, byte[]>> retries = new ArrayList<>();

    SinkOutputs(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> outputs = new ArrayList<>();
        List<String> topics = new ArrayList<>(List.of(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
                Topics.DLQ_P21_SINK.name()));
        for (int level = 1; level <= Topics.RETRY_LEVELS; level++) {
            topics.add(Topics.retry("p21-sink", level).name());
        }
        for (String topic : topics) {
            reader.partitionsFor(topic).forEach(p -> outputs.add(new TopicPartition(topic, p.partition())));
        }
        reader.assign(outputs);
        reader.seekToBeginning(outputs);
    }

    /** Confirmations of keys starting with {@code prefix}, in the order of their partition. */
    List<OrderConfirmation> confirmed(String prefix) {
        return confirmations.stream().filter(r -> r.key().startsWith(prefix))
                .map(r -> CONFIRMATIONS.deserialize(r.topic(), r.value())).toList();
    }

    List<ConsumerRecord<String, byte[]>> deadLetters(String prefix) {
        return deadLetters.stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
    }

    List<ConsumerRecord<String, byte[]>> retries(String prefix) {
        return retries.stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
    }

    /** Reads until {@code condition} holds, failing after {@code deadline}. */
    void await(Duration deadline, String what, Predicate<SinkOutputs> condition) {
        Await.until(what, deadline, () -> {
            if (condition.test(this)) {
                return true;
            }
            poll();
            return false;
        }, () -> "confirmations " + confirmations.size() + ", dead letters " + deadLetters.size()
                + ", retries " + retries.size());
    }

    /** Reads what arrived meanwhile. */
    void poll() {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.DLQ_P21_SINK.name())) {
                deadLetters.add(record);
            } else if (record.topic().equals(Topics.CANONICAL_ORDER_CONFIRMATIONS.name())) {
                confirmations.add(record);
            } else {
                retries.add(record);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
