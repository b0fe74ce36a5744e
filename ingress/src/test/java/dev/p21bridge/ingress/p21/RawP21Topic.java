package dev.p21bridge.ingress.p21;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything the poller wrote to {@code raw.p21}, read from the beginning of every partition. */
final class RawP21Topic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    RawP21Topic(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        partitions = IntStream.range(0, Topics.RAW_P21.partitions())
                .mapToObj(p -> new TopicPartition(Topics.RAW_P21.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until {@code count} records match, and answers them. */
    List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> match, int count,
                                               Duration timeout) {
        Await.until(count + " matching records on raw.p21", timeout, () -> {
            if (records.stream().filter(match).count() >= count) {
                return true;
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return false;
        }, () -> "found " + records.stream().filter(match).count());
        return records.stream().filter(match).toList();
    }

    /** Every record written so far (reads up to the current end offsets first). */
    List<ConsumerRecord<String, byte[]>> all() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Await.until("raw.p21 read to its end", Duration.ofSeconds(15), () -> {
            if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                return true;
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return false;
        });
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
