package dev.p21bridge.platform.dlq;

import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lists and replays a service's dead letters (docs/contract.md, section 'Retries and dead letters'), for
 * {@code ./bridge dlq} and the ops console's admin API alike. Reading never joins a consumer group, so listing changes
 * nothing. A replay writes each record back to {@code dlq.original.topic} with its key, value and original headers plus
 * {@code replay-count}, waits for the acknowledgements, and only then remembers it in {@code bridge.dlq-replays}: a
 * crash in between replays it again on the next run (at least once), never loses it.
 */
public final class DeadLetterStore {

    /** The outcome of a replay: what was written back and what was left because it had been replayed before. */
    public record ReplayResult(int replayed, int skipped) {
    }

    private final Properties clientProperties;

    public DeadLetterStore(Properties clientProperties) {
        this.clientProperties = clientProperties;
    }

    public List<DeadLetterEntry> list(String service, DeadLetterFilter filter) {
        String topic = Topics.deadLetters(service).name();
        Set<String> replayed = replayedIds();
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic, new StringDeserializer(), new ByteArrayDeserializer())) {
            DeadLetterEntry entry = entry(record, replayed);
            if (filter.matches(entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Replays the matching dead letters; those replayed before are skipped unless {@code again}. {@code progress}
     * hears the count done after each record.
     */
    public ReplayResult replay(String service, DeadLetterFilter filter, boolean again, boolean dryRun, IntConsumer progress) {
        return replay(service, filter::matches, again, dryRun, progress);
    }

    /**
     * Replays the dead letters {@code which} picks (the console's selection by {@link DeadLetterEntry#replayId()}),
     * under the same rule: those replayed before are skipped unless {@code again}.
     */
    public ReplayResult replay(String service, java.util.function.Predicate<DeadLetterEntry> which, boolean again,
                               boolean dryRun, IntConsumer progress) {
        List<DeadLetterEntry> entries = list(service, DeadLetterFilter.ALL).stream().filter(which).toList();
        List<DeadLetterEntry> chosen = entries.stream().filter(e -> again || !e.replayed()).toList();
        int skipped = entries.size() - chosen.size();
        if (dryRun || chosen.isEmpty()) {
            return new ReplayResult(dryRun ? chosen.size() : 0, skipped);
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("acks", "all");
        props.put("enable.idempotence", true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            int done = 0;
            for (DeadLetterEntry entry : chosen) {
                producer.send(new ProducerRecord<>(entry.originalTopic(), null, entry.key(), entry.value(), replayHeaders(entry))).get();
                producer.send(new ProducerRecord<>(Topics.DLQ_REPLAYS.name(), entry.replayId(),
                        Long.toString(Instant.now().toEpochMilli()).getBytes(StandardCharsets.UTF_8))).get();
                progress.accept(++done);
            }
            producer.flush();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("replay stopped: " + e.getMessage(), e);
        }
        return new ReplayResult(chosen.size(), skipped);
    }

    private static RecordHeaders replayHeaders(DeadLetterEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        int previous = 0;
        for (Header header : entry.headers()) {
            if (header.key().equals(DeadLetterHeaders.REPLAY_COUNT)) {
                previous = Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
            } else if (!header.key().startsWith("dlq.")) {
                headers.add(header);
            }
        }
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REPLAY_COUNT, Integer.toString(previous + 1));
        return headers;
    }

    private Set<String> replayedIds() {
        return new HashSet<>(replays().keySet());
    }

    /** When each dead letter was last replayed, by {@link DeadLetterEntry#replayId()}: what an operator asks after a replay. */
    public Map<String, Instant> replays() {
        Map<String, Instant> replays = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.DLQ_REPLAYS.name(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (record.value() == null) {
                replays.remove(record.key());
            } else {
                replays.put(record.key(), replayedAt(record));
            }
        }
        return replays;
    }

    private static Instant replayedAt(ConsumerRecord<String, byte[]> record) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    private static DeadLetterEntry entry(ConsumerRecord<String, byte[]> record, Set<String> replayed) {
        var headers = record.headers();
        String failedAt = DeadLetterHeaders.text(headers, DeadLetterHeaders.FAILED_AT).orElse(null);
        return new DeadLetterEntry(record.topic(), record.partition(), record.offset(), record.key(), record.value(), headers,
                DeadLetterHeaders.text(headers, DeadLetterHeaders.ORIGINAL_TOPIC).orElse(null),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.SERVICE).orElse(null),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.ERROR_CLASS).orElse(null),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.ERROR_MESSAGE).orElse(null),
                Integer.parseInt(DeadLetterHeaders.text(headers, DeadLetterHeaders.ATTEMPTS).orElse("0")),
                failedAt == null ? null : Instant.ofEpochMilli(Long.parseLong(failedAt)),
                replayed.contains(record.topic() + ":" + record.partition() + ":" + record.offset()));
    }

    private <K, V> List<ConsumerRecord<K, V>> readAll(String topic, org.apache.kafka.common.serialization.Deserializer<K> keys,
                                                      org.apache.kafka.common.serialization.Deserializer<V> values) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("group.id", "bridge-dlq-reader-" + UUID.randomUUID());
        props.put("enable.auto.commit", false);
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
