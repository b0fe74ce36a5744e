package dev.p21bridge.ingress.availability;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.retry.BackoffRetry;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code canonical.inventory} from its beginning into {@link AvailabilityLevels}, then follows it, on one
 * thread. Every ingress instance reads every partition without a consumer group (as a global table would), so any
 * instance behind the load balancer answers every SKU; and read_committed, so a level the transformer's transaction
 * aborted is never answered.
 *
 * <p>{@link #isCaughtUp()} turns true once it has read up to the end the topic had when it started: until then the
 * API answers 503, since an answer from half the topic could show a SKU's old level. A record that cannot be read is
 * skipped and counted (the next level of its SKU repairs it); an unreachable schema registry is waited out on that
 * record.
 */
public final class InventoryMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InventoryMirror.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<InventoryLevel> deserializer;
    private final AvailabilityLevels levels;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile long skipped;
    private boolean started;

    public InventoryMirror(KafkaConfig kafka, Deserializer<InventoryLevel> deserializer, AvailabilityLevels levels) {
        this(new KafkaConsumer<>(properties(kafka), new StringDeserializer(), new ByteArrayDeserializer()),
                deserializer, levels);
    }

    InventoryMirror(Consumer<String, byte[]> consumer, Deserializer<InventoryLevel> deserializer,
                    AvailabilityLevels levels) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.levels = levels;
        this.thread = new Thread(this::run, "ingress-availability-reader");
        thread.setDaemon(true);
    }

    static Properties properties(KafkaConfig kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "p21-bridge-ingress-availability");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(kafka.clientProperties());
        return props;
    }

    public synchronized InventoryMirror start() {
        started = true;
        thread.start();
        return this;
    }

    /** Whether every level the topic held at start has been read. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Records skipped because they could not be read as an {@code InventoryLevel}. */
    public long skipped() {
        return skipped;
    }

    public AvailabilityLevels levels() {
        return levels;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CANONICAL_INVENTORY.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (!take(record)) {
                        break;
                    }
                }
                if (!caughtUp && reached(ends)) {
                    caughtUp = true;
                    log.info("availability: read canonical.inventory to its end at start, {} SKUs", levels.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("availability: reading canonical.inventory failed; the API answers 503 from now", e);
                caughtUp = false;
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** Applies one record; false when the registry is unreachable and the record must be read again. */
    private boolean take(ConsumerRecord<String, byte[]> record) {
        for (int attempt = 1; running; attempt++) {
            try {
                levels.apply(record.key(), record.value() == null ? null
                        : deserializer.deserialize(record.topic(), record.headers(), record.value()));
                return true;
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    return skip(record, e);
                }
                log.warn("availability: schema registry unavailable reading {}-{}@{} (attempt {}): {}", record.topic(),
                        record.partition(), record.offset(), attempt, e.getMessage());
                pause(BackoffRetry.standard().delay(attempt));
            } catch (RuntimeException e) {
                return skip(record, e);
            }
        }
        return false;
    }

    private boolean skip(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        skipped++;
        log.warn("availability: skipped the unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), e.getMessage());
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
