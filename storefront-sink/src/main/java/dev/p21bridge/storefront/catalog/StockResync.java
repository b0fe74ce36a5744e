package dev.p21bridge.storefront.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.kafka.TopicScan;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.storefront.Storefront;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./bridge resync stock}: reads the current level of every SKU (or the ones named) from the compacted
 * {@code canonical.inventory}, up to its end when the run began, and copies each to {@code bridge.resync.stock} for
 * the storefront-sink, which writes it again to the storefronts named beside the live stock flow. The levels are the
 * transformer's, reservations counted, as the live flow writes them; the sink orders them with the live updates of
 * the same SKU, so a level older than one it wrote meanwhile is never written (docs/operations.md, 'Resync stock').
 *
 * <p>At most {@code rate} SKUs a second, so a flush of the sink stays small beside live updates. SKUs go in order;
 * every {@value #SAVE_EVERY} SKUs, and when stopped, the last SKU sent (acknowledged by Kafka) is kept in
 * {@code bridge.store-poll-positions} under {@code resync-stock:<storefronts>}, so a stopped resync of the same SKUs
 * resumes after it; a finished one removes it. A level sent twice is harmless: a storefront that shows it already
 * costs the sink a read, no write.
 */
public final class StockResync implements AutoCloseable {

    /** SKUs a second when {@code --rate} is not given. */
    public static final double DEFAULT_RATE = 200;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** @param sent SKUs sent so far, of {@code total} */
    public record Progress(long sent, long total) {
    }

    /**
     * @param missing      SKUs named that have no level in canonical.inventory, sorted
     * @param resumedAfter the last SKU an earlier, stopped run sent, or null when this run started at the first
     */
    public record Result(long sent, long total, boolean stopped, List<String> missing, String resumedAfter) {
    }

    private static final int SAVE_EVERY = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Level(int partition, long offset, byte[] value) {
    }

    private final KafkaConfig kafka;
    private final Producer<String, byte[]> producer;

    private StockResync(KafkaConfig kafka, Producer<String, byte[]> producer) {
        this.kafka = kafka;
        this.producer = producer;
    }

    /** Connects to Kafka, creating {@code bridge.resync.stock} if missing. */
    public static StockResync open(KafkaConfig kafka) {
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(List.of(Topics.CANONICAL_INVENTORY, Topics.RESYNC_STOCK,
                    Topics.STORE_POLL_POSITIONS), KAFKA_TIMEOUT);
        }
        return new StockResync(kafka, new KafkaProducer<>(ClientProperties.durableProducer(kafka, "resync-stock")));
    }

    /**
     * The current level of each SKU (every SKU when {@code skus} is empty), as canonical.inventory holds it; sorted
     * by SKU. A SKU named but absent is left out and reported by {@link #run}.
     */
    public Map<String, byte[]> levels(Set<String> skus) {
        return toValues(read(skus));
    }

    /**
     * Sends the levels of {@code skus} (all when empty) for {@code storefronts}, waiting for Kafka's acknowledgement
     * of all; {@code stop} is asked between SKUs.
     */
    public Result run(Set<Storefront> storefronts, Set<String> skus, double rate, Consumer<Progress> progress,
                      BooleanSupplier stop) throws Exception {
        return run(storefronts, skus, rate, false, progress, stop);
    }

    /** As above; {@code restart} sends from the first SKU even when a stopped run of the same SKUs was kept. */
    public Result run(Set<Storefront> storefronts, Set<String> skus, double rate, boolean restart,
                      Consumer<Progress> progress, BooleanSupplier stop) throws Exception {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the rate must be more than 0 SKUs a second, got " + rate);
        }
        if (storefronts.isEmpty()) {
            throw new IllegalArgumentException("no storefront to resync");
        }
        TreeMap<String, Level> levels = new TreeMap<>();
        String key = positionKey(storefronts);
        String filter = skus.stream().sorted().collect(Collectors.joining(","));
        String[] kept = new String[2];
        read(skus, levels, key, kept);
        List<String> missing = skus.stream().filter(sku -> !levels.containsKey(sku)).sorted().toList();
        String resumedAfter = !restart && kept[1] != null && filter.equals(kept[0]) ? kept[1] : null;
        Map<String, Level> due = resumedAfter == null ? levels : levels.tailMap(resumedAfter, false);
        long gapNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        long sent = 0;
        boolean stopped = false;
        String last = resumedAfter;
        for (Map.Entry<String, Level> entry : due.entrySet()) {
            if (stop.getAsBoolean()) {
                stopped = true;
                break;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next = Math.max(next, System.nanoTime() - gapNanos) + gapNanos;
            Level level = entry.getValue();
            RecordHeaders headers = new RecordHeaders();
            StockResyncHeaders.write(headers, storefronts, level.offset());
            Integer partition = level.partition() < Topics.RESYNC_STOCK.partitions() ? level.partition() : null;
            acks.add(producer.send(new ProducerRecord<>(Topics.RESYNC_STOCK.name(), partition, entry.getKey(),
                    level.value(), headers)));
            sent++;
            last = entry.getKey();
            if (sent % SAVE_EVERY == 0) {
                acknowledged(acks);
                keep(key, filter, last);
                progress.accept(new Progress(sent, due.size()));
            }
        }
        acknowledged(acks);
        if (stopped) {
            keep(key, filter, last);
        } else {
            producer.send(new ProducerRecord<>(Topics.STORE_POLL_POSITIONS.name(), key, null))
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        progress.accept(new Progress(sent, due.size()));
        return new Result(sent, due.size(), stopped, missing, resumedAfter);
    }

    private void acknowledged(List<Future<RecordMetadata>> acks) throws Exception {
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        acks.clear();
    }

    private void keep(String key, String filter, String last) throws Exception {
        if (last == null) {
            return;
        }
        ObjectNode position = JSON.createObjectNode().put("skus", filter).put("after", last);
        producer.send(new ProducerRecord<>(Topics.STORE_POLL_POSITIONS.name(), key, JSON.writeValueAsBytes(position)))
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The key of a resync's position: the storefronts' ids, sorted. */
    static String positionKey(Set<Storefront> storefronts) {
        return "resync-stock:" + storefronts.stream().map(Storefront::id).sorted().collect(Collectors.joining(","));
    }

    private TreeMap<String, Level> read(Set<String> skus) {
        TreeMap<String, Level> levels = new TreeMap<>();
        read(skus, levels, null, new String[2]);
        return levels;
    }

    /** The levels into {@code levels}; the position kept under {@code key}, if any, as {@code {skus, after}}. */
    private void read(Set<String> skus, TreeMap<String, Level> levels, String key, String[] kept) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(scanConsumer())) {
            Map<TopicPartition, Long> from = new HashMap<>();
            List<String> topics = key == null ? List.of(Topics.CANONICAL_INVENTORY.name())
                    : List.of(Topics.CANONICAL_INVENTORY.name(), Topics.STORE_POLL_POSITIONS.name());
            for (String topic : topics) {
                consumer.partitionsFor(topic, KAFKA_TIMEOUT)
                        .forEach(p -> from.put(new TopicPartition(p.topic(), p.partition()), 0L));
            }
            TopicScan.scan(consumer, from, Duration.ofMinutes(5), record -> {
                if (record.topic().equals(Topics.STORE_POLL_POSITIONS.name())) {
                    if (key.equals(record.key())) {
                        keptPosition(record.value(), kept);
                    }
                    return;
                }
                if (record.key() == null || !skus.isEmpty() && !skus.contains(record.key())) {
                    return;
                }
                if (record.value() == null) {
                    levels.remove(record.key());
                } else {
                    levels.put(record.key(), new Level(record.partition(), record.offset(), record.value()));
                }
            });
        }
    }

    private static void keptPosition(byte[] value, String[] kept) {
        kept[0] = null;
        kept[1] = null;
        if (value == null) {
            return;
        }
        try {
            JsonNode position = JSON.readTree(value);
            kept[0] = position.path("skus").asText();
            kept[1] = position.path("after").isTextual() ? position.path("after").asText() : null;
        } catch (java.io.IOException e) {
            // a malformed position is no position: the resync starts at the first SKU
        }
    }

    private static Map<String, byte[]> toValues(TreeMap<String, Level> levels) {
        Map<String, byte[]> values = new TreeMap<>();
        levels.forEach((sku, level) -> values.put(sku, level.value()));
        return values;
    }

    private Properties scanConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "resync-stock-scan");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(kafka.clientProperties());
        return props;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
