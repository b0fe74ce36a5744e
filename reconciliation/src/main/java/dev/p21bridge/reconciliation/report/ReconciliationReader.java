package dev.p21bridge.reconciliation.report;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.OrderReconciliation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code canonical.reconciliation} from its beginning to the end offsets it has when the read starts, keeping
 * the latest record of each order key (a tombstone removes it): each order's current reconciliation. Joins no
 * consumer group and commits nothing, so reading changes nothing; sees committed records only.
 */
public final class ReconciliationReader {

    /** Hears how far a read is: the records to read once known, then the count read so far. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void started(long records) {
        }

        default void read(long records) {
        }
    }

    static final Duration READ_LIMIT = Duration.ofSeconds(120);

    private final Properties clientProperties;
    private final Deserializer<OrderReconciliation> values;

    public ReconciliationReader(Properties clientProperties, Deserializer<OrderReconciliation> values) {
        this.clientProperties = clientProperties;
        this.values = values;
    }

    /** Every order's latest reconciliation, by order key. */
    public Collection<OrderReconciliation> latest(Progress progress) {
        String topic = Topics.CANONICAL_RECONCILIATION.name();
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, OrderReconciliation> latest = new TreeMap<>();
        try (KafkaConsumer<String, OrderReconciliation> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: is the reconciliation running?");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            progress.started(partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, OrderReconciliation> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        if (record.value() == null) {
                            latest.remove(record.key());
                        } else {
                            latest.put(record.key(), record.value());
                        }
                    }
                }
                progress.read(partitions.stream().mapToLong(p -> Math.min(consumer.position(p), end.get(p)) - begin.get(p)).sum());
            }
        }
        return latest.values();
    }
}
