package dev.p21bridge.bench;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A reader that sees what a downstream application sees ({@code read_committed}: no aborted records, and records of
 * a transaction only once it commits), assigned every partition of a topic and positioned at its current end, so
 * only what a run adds is read. No group: nothing is committed and no rebalance delays the first fetch.
 */
final class EndOfTopicReader {

    private EndOfTopicReader() {
    }

    static <K> KafkaConsumer<K, byte[]> open(String bootstrapServers, String topic, Deserializer<K> keys,
                                             int fetchMaxWaitMillis) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMillis);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        KafkaConsumer<K, byte[]> consumer = new KafkaConsumer<>(props, keys,
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.endOffsets(partitions).forEach(consumer::seek);
        partitions.forEach(consumer::position);  // resolve now, before the run starts
        return consumer;
    }
}
