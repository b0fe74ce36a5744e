package dev.p21bridge.platform.kafka;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.topics.Topic;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings every service shares. Producers are durable by default (idempotent, acks=all): a record the bridge
 * acknowledged to a storefront must survive a broker failure, and a producer retry must not write it twice.
 * Pass-through settings ({@code BRIDGE_KAFKA_*}) are applied last, so an operator can override any of them.
 *
 * <p>Compression follows the topics written: the broker stores canonical topics in gzip whatever it is sent
 * ({@link Topic#storedCompression()}), so a producer of canonical records sends gzip and the broker keeps its batches
 * as they are; a producer of raw and internal records sends lz4, cheaper on CPU, which only the bridge reads.
 */
public final class ClientProperties {

    /** What producers of raw, retry, dead-letter and {@code bridge.*} records send. */
    public static final String INTERNAL_COMPRESSION = "lz4";
    /** What producers of canonical records send: what the broker stores them in, so it need not recompress. */
    public static final String CANONICAL_COMPRESSION = Topic.CANONICAL_COMPRESSION;

    private ClientProperties() {
    }

    /** A durable producer of raw and internal records (lz4). */
    public static Properties durableProducer(KafkaConfig config, String clientId) {
        return durableProducer(config, clientId, INTERNAL_COMPRESSION);
    }

    /** A durable producer whose records go mostly to canonical topics (gzip). */
    public static Properties canonicalProducer(KafkaConfig config, String clientId) {
        return durableProducer(config, clientId, CANONICAL_COMPRESSION);
    }

    private static Properties durableProducer(KafkaConfig config, String clientId, String compression) {
        Properties props = new Properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(config.clientProperties());
        return props;
    }

    /** A consumer that commits only what the caller says it has finished (no auto-commit). */
    public static Properties manualCommitConsumer(KafkaConfig config, String groupId, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(config.clientProperties());
        return props;
    }

    /**
     * The consumer of a sink that owns a source topic together with its {@code retry.<service>.<n>} topics. Range
     * assignment is forced (and with it the classic group protocol): over topics of equal partition count it gives one
     * member partition p of the source and of every retry topic together, which a key's order across retries rests on
     * ({@link dev.p21bridge.platform.retry.ParkedRecords}).
     */
    public static Properties retryAwareConsumer(KafkaConfig config, String groupId, String clientId) {
        Properties props = manualCommitConsumer(config, groupId, clientId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return props;
    }

    /** A consumer outside any group, reading committed records: the retry backlog read on assignment. */
    public static Properties backlogReader(KafkaConfig config, String groupId, String clientId) {
        Properties props = manualCommitConsumer(config, groupId, clientId);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        return props;
    }

    public static Properties admin(KafkaConfig config) {
        Properties props = new Properties();
        props.put("request.timeout.ms", 10_000);
        props.put("default.api.timeout.ms", 15_000);
        props.putAll(config.clientProperties());
        return props;
    }
}
