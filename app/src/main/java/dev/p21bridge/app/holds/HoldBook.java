package dev.p21bridge.app.holds;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.kafka.TopicReplay;
import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bridge.holds} read whole (each order's latest record is its hold's state) and written to, with acks=all and
 * awaited. The topic is small (one record per held order, compacted), so it is read anew for every question rather
 * than followed: the CLI, the console's page, its API and the alert all see what Kafka has at that moment.
 */
public class HoldBook {

    // not final: the decisions' tests keep their holds in memory

    private static final Logger log = LoggerFactory.getLogger(HoldBook.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(30);

    private final KafkaConfig kafka;

    public HoldBook(KafkaConfig kafka) {
        this.kafka = kafka;
    }

    /** Every order's latest hold, oldest hold first; a record that cannot be read is left out with a log line. */
    public List<Hold> all() {
        Map<String, Hold> latest = new LinkedHashMap<>();
        String client = "holds-reader-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.backlogReader(kafka, "holds", client))) {
            TopicReplay.readToEnd(consumer, Topics.HOLDS.name(), READ_LIMIT, record -> {
                if (record.value() == null) {
                    latest.remove(record.key());
                    return;
                }
                try {
                    latest.put(record.key(), Hold.fromJson(record.value()));
                } catch (IllegalArgumentException e) {
                    log.warn("{}-{}@{} is not a hold: {}", record.topic(), record.partition(), record.offset(),
                            e.getMessage());
                }
            });
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(Hold::heldAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** The holds still waiting for a decision, or decided and not yet applied by the p21-sink. */
    public List<Hold> open() {
        return all().stream().filter(hold -> hold.state() == HoldState.HELD || hold.state().isDecision()).toList();
    }

    public Optional<Hold> find(String orderKey) {
        return all().stream().filter(hold -> hold.orderKey().equals(orderKey)).findFirst();
    }

    /** Writes {@code hold} as its order's latest state and waits for Kafka's acknowledgement. */
    public void write(Hold hold) {
        String client = "holds-writer-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.durableProducer(kafka, client))) {
            producer.send(new ProducerRecord<>(Topics.HOLDS.name(), hold.orderKey(), hold.toJson()))
                    .get(WRITE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the decision on " + hold.orderKey(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not write the decision on " + hold.orderKey() + " to "
                    + Topics.HOLDS.name() + ": " + e.getMessage(), e);
        }
    }
}
