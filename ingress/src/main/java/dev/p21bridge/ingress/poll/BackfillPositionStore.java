package dev.p21bridge.ingress.poll;

import dev.p21bridge.platform.kafka.TopicScan;
import dev.p21bridge.platform.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Backfill positions in the compacted {@code bridge.store-poll-positions}, key {@code backfill:<store>}. */
final class BackfillPositionStore {

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    BackfillPositionStore(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** The latest position of {@code store}'s backfill; empty when none was kept (or it was malformed). */
    Optional<BackfillPosition> load(KafkaConsumer<String, byte[]> consumer, String store) {
        String key = BackfillPosition.key(store);
        Map<TopicPartition, Long> from = new HashMap<>();
        consumer.partitionsFor(Topics.STORE_POLL_POSITIONS.name(), timeout)
                .forEach(p -> from.put(new TopicPartition(p.topic(), p.partition()), 0L));
        BackfillPosition[] latest = new BackfillPosition[1];
        TopicScan.scan(consumer, from, timeout, record -> {
            if (!key.equals(record.key())) {
                return;
            }
            try {
                latest[0] = record.value() == null ? null : BackfillPosition.fromJson(record.value());
            } catch (IOException e) {
                latest[0] = null;
            }
        });
        return Optional.ofNullable(latest[0]);
    }

    /** Writes and waits for Kafka's acknowledgement. */
    void save(String store, BackfillPosition position) throws Exception {
        producer.send(new ProducerRecord<>(Topics.STORE_POLL_POSITIONS.name(), BackfillPosition.key(store),
                position.toJson())).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
