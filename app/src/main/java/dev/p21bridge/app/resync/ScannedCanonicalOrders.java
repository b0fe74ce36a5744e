package dev.p21bridge.app.resync;

import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * An order's latest {@code canonical.orders} record found without a console: a read of the one partition the key
 * lives in (Kafka's default partitioner, which the transformer's producers use), from its beginning (or, for
 * {@link #recent}, from a while ago) to its end at the start of the read, outside any consumer group. Costs a read of
 * a sixth of the topic; the console's trace index answers at once.
 */
public final class ScannedCanonicalOrders implements CanonicalOrderSource {

    private final Properties clientProperties;
    private final Duration window;
    private final Duration limit;
    private final LongConsumer total;
    private final LongConsumer progress;

    private ScannedCanonicalOrders(Properties clientProperties, Duration window, Duration limit, LongConsumer total,
                                   LongConsumer progress) {
        this.clientProperties = clientProperties;
        this.window = window;
        this.limit = limit;
        this.total = total;
        this.progress = progress;
    }

    /**
     * The whole partition, from its beginning.
     *
     * @param total    hears how many records the read will take
     * @param progress hears how many it has read so far
     */
    public ScannedCanonicalOrders(Properties clientProperties, Duration limit, LongConsumer total,
                                  LongConsumer progress) {
        this(clientProperties, null, limit, total, progress);
    }

    /**
     * Only the records of the last {@code window} (by timestamp): what an index that trails the topic by moments may
     * not hold yet.
     */
    public static ScannedCanonicalOrders recent(Properties clientProperties, Duration window, Duration limit) {
        return new ScannedCanonicalOrders(clientProperties, window, limit, total -> { }, read -> { });
    }

    /** @throws IllegalStateException when the read does not finish within the limit */
    @Override
    public Optional<ConsumerRecord<String, byte[]>> latest(String orderKey) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = Topics.CANONICAL_ORDERS.name();
            int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).size();
            TopicPartition where = new TopicPartition(topic, partitionOf(orderKey, partitions));
            consumer.assign(List.of(where));
            long end = consumer.endOffsets(List.of(where)).get(where);
            long begin = consumer.beginningOffsets(List.of(where)).get(where);
            if (window != null) {
                OffsetAndTimestamp since = consumer.offsetsForTimes(Map.of(where,
                        System.currentTimeMillis() - window.toMillis())).get(where);
                begin = since == null ? end : Math.max(begin, since.offset());
            }
            total.accept(end - begin);
            consumer.seek(where, begin);
            ConsumerRecord<String, byte[]> latest = null;
            long deadline = System.nanoTime() + limit.toNanos();
            long read = 0;
            while (consumer.position(where) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + where + " took longer than " + limit
                            + "; ask the console's index instead (--console)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end) {
                        read++;
                        if (orderKey.equals(record.key()) && record.value() != null) {
                            latest = record;
                        }
                    }
                }
                progress.accept(read);
            }
            return Optional.ofNullable(latest);
        }
    }

    /** The partition Kafka's default partitioner gives a keyed record. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
