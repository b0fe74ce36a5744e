package dev.p21bridge.ingress;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the ingress wrote to the raw topics, by the partition and offset its 202 receipt names. */
final class RawTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    RawTopicReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
    }

    /** The record at {@code offset}, waiting at most 15 s for it. */
    ConsumerRecord<String, byte[]> recordAt(String topic, int partition, long offset) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        consumer.assign(List.of(topicPartition));
        consumer.seek(topicPartition, offset);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Await.until("the record at " + topicPartition + "@" + offset, Duration.ofSeconds(15), () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.offset() == offset) {
                    found.add(record);
                }
            });
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** The sum of the end offsets of both raw topics: it grows with every record written to either. */
    long endOffsets() {
        List<TopicPartition> partitions = Stream.of(Topics.RAW_XCART, Topics.RAW_CLARITY)
                .flatMap(topic -> IntStream.range(0, topic.partitions())
                        .mapToObj(p -> new TopicPartition(topic.name(), p)))
                .toList();
        return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
