package dev.p21bridge.app.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The trace index built by one bounded scan, for {@code ./bridge trace} when no console is asked: every traced topic
 * read from its beginning to the end offsets it had when the scan started, outside any consumer group, through the
 * same {@link TraceClassifier} as the console's index. It costs a read of the topics per search, which the console's
 * index exists to avoid; it needs nothing running but Kafka and the registry.
 */
final class ScannedTraceIndex implements TraceIndex {

    private final Map<String, IndexValue> index = new HashMap<>();

    ScannedTraceIndex() {
    }

    /**
     * Scans the traced topics; {@code total} hears how many records the scan will read, {@code progress} how many it
     * has read so far.
     *
     * @throws IllegalStateException when the scan does not finish within {@code limit}
     */
    static ScannedTraceIndex scan(Properties clientProperties, TraceClassifier classifier, Duration limit,
                                  LongConsumer total, LongConsumer progress) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ScannedTraceIndex scanned = new ScannedTraceIndex();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TraceClassifier.tracedTopics()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(15))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            total.accept(partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + limit.toNanos();
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("scanning the topics took longer than " + limit
                            + "; ask the console's index instead (--console)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        scanned.add(classifier.classify(record.topic(), record.partition(), record.offset(),
                                record.timestamp(), record.key(), record.value(), record.headers()));
                        read++;
                    }
                }
                progress.accept(read);
            }
        }
        return scanned;
    }

    /** Adds updates as the console's index merges them; for the scan and for tests. */
    void add(List<IndexUpdate> updates) {
        for (IndexUpdate update : updates) {
            index.merge(update.key(), update.value(), IndexValue::merge);
        }
    }

    @Override
    public Optional<IndexValue> get(String key) {
        return Optional.ofNullable(index.get(key));
    }
}
