package dev.p21bridge.ingress.p21;

import dev.p21bridge.platform.kafka.TopicScan;
import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's memory in Kafka: watermarks in the compacted {@code bridge.p21-watermarks} (key = table name), and,
 * read back at start, the event ids it wrote to {@code raw.p21} inside each table's overlap window, so a restart
 * neither misses a change nor sends again what it sent just before stopping.
 */
final class P21WatermarkStore {

    private static final Logger log = LoggerFactory.getLogger(P21WatermarkStore.class);
    /** P21's clock and ours may differ; read raw.p21 back this much further so the skew only costs a repeat. */
    private static final Duration CLOCK_SKEW_MARGIN = Duration.ofMinutes(1);
    private static final Pattern EVENT_ID = Pattern.compile("^([^:]+):.*:(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)$");

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    P21WatermarkStore(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** The stored watermark of each table; a malformed value is logged and the one before it kept. */
    Map<P21Table, P21Watermark> load(KafkaConsumer<String, byte[]> consumer) {
        Map<P21Table, P21Watermark> watermarks = new HashMap<>();
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions(consumer, Topics.P21_WATERMARKS.name()).forEach(p -> from.put(p, 0L));
        TopicScan.scan(consumer, from, timeout, record -> {
            Optional<P21Table> table = table(record.key());
            if (table.isEmpty()) {
                return;
            }
            if (record.value() == null) {
                watermarks.remove(table.get());
                return;
            }
            try {
                watermarks.put(table.get(), P21Watermark.decode(record.value()));
            } catch (IllegalArgumentException e) {
                log.error("ignoring the watermark of {} at offset {}: {}", record.key(), record.offset(), e.getMessage());
            }
        });
        return watermarks;
    }

    /** Tells each cursor which event ids of its window are already on {@code raw.p21}. */
    void rememberWritten(KafkaConsumer<String, byte[]> consumer, Map<P21Table, P21Cursor> cursors) {
        Instant earliest = cursors.values().stream().map(P21Cursor::windowStart).min(Instant::compareTo)
                .orElseThrow().minus(CLOCK_SKEW_MARGIN);
        List<TopicPartition> partitions = partitions(consumer, Topics.RAW_P21.name());
        // assigned before the offsets are asked for: the consumer logs a warning per partition it is asked about
        // while assigned to others (here, still the watermark topic of load), six at every start
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, Math.max(0, earliest.toEpochMilli())));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions.forEach(p -> from.put(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
        Map<String, P21Table> byName = new HashMap<>();
        cursors.keySet().forEach(t -> byName.put(t.tableName(), t));
        TopicScan.scan(consumer, from, timeout, record -> {
            Header header = record.headers().lastHeader("event-id");
            Matcher id = header == null ? null : EVENT_ID.matcher(new String(header.value(), StandardCharsets.UTF_8));
            if (id != null && id.matches() && byName.containsKey(id.group(1))) {
                try {
                    cursors.get(byName.get(id.group(1))).remember(id.group(), Instant.parse(id.group(2)));
                } catch (RuntimeException e) {
                    // not one of ours; a repeat at worst
                }
            }
        });
    }

    /** Stores {@code watermark} and waits for Kafka's acknowledgement (acks=all). */
    void save(P21Table table, P21Watermark watermark) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.P21_WATERMARKS.name(), table.tableName(),
                watermark.encode());
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("Kafka did not acknowledge the watermark of " + table.tableName() + " within "
                    + timeout.toSeconds() + " s");
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        // a topic created a moment ago may not have its metadata yet
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            infos = consumer.partitionsFor(topic, timeout);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Kafka knows no partitions of " + topic);
        }
        return infos.stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static Optional<P21Table> table(String name) {
        for (P21Table table : P21Table.values()) {
            if (table.tableName().equals(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
