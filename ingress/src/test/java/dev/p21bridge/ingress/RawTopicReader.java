package dev.p21bridge.ingress;

import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == offset) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record at " + topicPartition + "@" + offset + " within 15 s");
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
