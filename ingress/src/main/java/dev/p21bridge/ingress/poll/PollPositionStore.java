package dev.p21bridge.ingress.poll;

import dev.p21bridge.platform.kafka.TopicScan;
import dev.p21bridge.platform.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poll positions in the compacted {@code bridge.store-poll-positions}, one record per store (key = store name). The
 * backfill and the stock resync keep their own positions in the same topic under keys with a {@code :}
 * ({@code backfill:<store>}, {@link BackfillPosition}), which this store leaves alone.
 */
final class PollPositionStore {

    private static final Logger log = LoggerFactory.getLogger(PollPositionStore.class);

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    PollPositionStore(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** The latest position of each store; a malformed record is logged and the one before it kept. */
    Map<String, PollPosition> load(KafkaConsumer<String, byte[]> consumer) {
        Map<String, PollPosition> positions = new HashMap<>();
        Map<TopicPartition, Long> from = new HashMap<>();
        consumer.partitionsFor(Topics.STORE_POLL_POSITIONS.name(), timeout)
                .forEach(p -> from.put(new TopicPartition(p.topic(), p.partition()), 0L));
        TopicScan.scan(consumer, from, timeout, record -> {
            // a store's name has no ':'; keys with one are the backfill's and the stock resync's positions
            if (record.key() == null || record.key().contains(":")) {
                return;
            }
            if (record.value() == null) {
                positions.remove(record.key());
                return;
            }
            try {
                positions.put(record.key(), PollPosition.fromJson(record.value()));
            } catch (IOException e) {
                log.warn("poll position of store {} at offset {} is malformed and ignored: {}", record.key(),
                        record.offset(), e.getMessage());
            }
        });
        return positions;
    }

    /** Writes and waits for Kafka's acknowledgement. */
    void save(String store, PollPosition position) throws IOException, InterruptedException, ExecutionException,
            TimeoutException {
        producer.send(new ProducerRecord<>(Topics.STORE_POLL_POSITIONS.name(), store, position.toJson()))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
