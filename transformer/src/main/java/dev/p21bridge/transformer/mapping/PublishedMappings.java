package dev.p21bridge.transformer.mapping;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.kafka.TopicReplay;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The published versions on {@code bridge.mappings}, for {@code ./bridge mapping list|apply|rollback}: reads the
 * compacted topic to its end, and appends a set and then the {@code active} record that points at it. The set is
 * written first, so a transformer never sees an active version whose set it cannot find. Two operators applying at
 * the same moment could both take the same number; the second {@code active} record wins and both sets are kept
 * under that number's key by the last writer, which {@code list} shows. Applies are rare and made by one operator.
 */
public final class PublishedMappings {

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    /** What the topic holds: the sets by version and the active record (bundled when none). */
    public record Versions(SortedMap<Integer, MappingSet> sets, ActiveMapping active) {

        /** The set of the active version; the bundled one for version 0 or a version whose set is not there. */
        public MappingSet activeSet() {
            return active.version() == 0 ? MappingSet.bundled()
                    : Optional.ofNullable(sets.get(active.version())).orElseGet(MappingSet::bundled);
        }

        public int next() {
            return sets.isEmpty() ? 1 : sets.lastKey() + 1;
        }
    }

    private final KafkaConfig kafka;
    private final Clock clock;

    public PublishedMappings(KafkaConfig kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    public Versions read() {
        SortedMap<Integer, MappingSet> sets = new TreeMap<>();
        ActiveMapping[] active = {ActiveMapping.bundled()};
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.backlogReader(kafka, "none", "bridge-mapping-cli"))) {
            TopicReplay.readToEnd(consumer, Topics.MAPPINGS.name(), READ_LIMIT, record -> {
                if (record.value() == null) {
                    return;
                }
                if (ActiveMapping.KEY.equals(record.key())) {
                    active[0] = ActiveMapping.fromJson(record.value());
                } else if (ActiveMapping.versionOf(record.key()) > 0) {
                    sets.put(ActiveMapping.versionOf(record.key()), MappingSet.fromJson(record.value()));
                }
            });
        }
        return new Versions(sets, active[0]);
    }

    /** Publishes {@code set} (already checked) as the next version and makes it active; answers its number. */
    public int apply(MappingSet set) {
        Versions versions = read();
        int version = versions.next();
        MappingSet numbered = set.withVersion(version, clock.instant());
        write(List.of(new ProducerRecord<>(Topics.MAPPINGS.name(), ActiveMapping.setKey(version), numbered.toJson()),
                new ProducerRecord<>(Topics.MAPPINGS.name(), ActiveMapping.KEY,
                        versions.active().activate(version).toJson())));
        return version;
    }

    /** Makes the version in use before the active one active again; answers the new active record. */
    public ActiveMapping rollback() {
        ActiveMapping back = read().active().rollback();
        write(List.of(new ProducerRecord<>(Topics.MAPPINGS.name(), ActiveMapping.KEY, back.toJson())));
        return back;
    }

    private void write(List<ProducerRecord<String, byte[]>> records) {
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(List.of(Topics.MAPPINGS), Duration.ofSeconds(30));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.durableProducer(kafka, "bridge-mapping-cli"))) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the mapping set: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing the mapping set", e);
        }
    }
}
