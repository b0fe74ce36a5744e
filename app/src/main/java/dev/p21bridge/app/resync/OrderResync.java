package dev.p21bridge.app.resync;

import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-drives one order through the p21-sink ({@code ./bridge resync order <key>}, the console's "Re-sync this order"
 * and {@code POST /api/orders/{key}/resync}): its latest {@code canonical.orders} record, key, value and headers as
 * they were, is written to {@code bridge.resync.orders} with a {@code resync-requested-at} header, and the p21-sink's
 * resync lane sends it through the same order writer as live orders. Exactly once holds as for a redelivery: an order
 * P21 has is found by {@code web_reference_no} and not created again; a missing one (its creation dead-lettered, say)
 * is created. Live sync is not disturbed: the record goes to a topic of its own, never back into canonical.orders.
 *
 * <p>A record the p21-sink has not processed yet is not re-sent ({@link ResyncOutcome.Pending}): see there why.
 */
public final class OrderResync implements AutoCloseable {

    /** Header on every re-sync record: when it was asked for, epoch millis. */
    public static final String REQUESTED_AT = "resync-requested-at";
    private static final Pattern ORDER_KEY = Pattern.compile("[A-Za-z0-9_-]+:[^\\s/?#]+");
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** How far the console's trace index may trail canonical.orders: its last records are read from the topic too. */
    static final Duration INDEX_TRAILS_BY = Duration.ofMinutes(2);

    private final CanonicalOrderSource source;
    private final CanonicalOrderSource recent;
    private final Producer<String, byte[]> producer;
    private final Admin admin;
    private final Clock clock;

    /** @param recent what {@code source} may not hold yet; the newer record of the two is re-sent */
    OrderResync(CanonicalOrderSource source, CanonicalOrderSource recent, Producer<String, byte[]> producer,
                Admin admin, Clock clock) {
        this.source = source;
        this.recent = recent;
        this.producer = producer;
        this.admin = admin;
        this.clock = clock;
    }

    /** A re-sync on {@code kafka}'s cluster that finds orders' latest records by reading the key's partition. */
    public static OrderResync scanning(KafkaConfig kafka, ScannedCanonicalOrders scan) {
        return create(kafka, scan, key -> Optional.empty());
    }

    /**
     * A re-sync that finds orders' latest records in a trace index ({@code index}), and in the last
     * {@link #INDEX_TRAILS_BY} of the key's partition, which the index may not have read yet: an edit made a moment
     * ago is re-sent, not the state before it.
     */
    public static OrderResync indexed(KafkaConfig kafka, CanonicalOrderSource index) {
        return create(kafka, index, ScannedCanonicalOrders.recent(kafka.clientProperties(), INDEX_TRAILS_BY,
                Duration.ofMinutes(1)));
    }

    private static OrderResync create(KafkaConfig kafka, CanonicalOrderSource source, CanonicalOrderSource recent) {
        String client = "bridge-resync-" + UUID.randomUUID().toString().substring(0, 8);
        return new OrderResync(source, recent, new KafkaProducer<>(ClientProperties.durableProducer(kafka, client)),
                Admin.create(ClientProperties.admin(kafka)), Clock.systemUTC());
    }

    /**
     * {@code key} when it is an order key {@code <store>:<order id>}.
     *
     * @throws IllegalArgumentException one line naming the problem
     */
    public static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an order key is required, such as xcart:10452");
        }
        String value = key.strip();
        if (value.indexOf(':') < 0) {
            throw new IllegalArgumentException("'" + value + "' is not an order key: it has no ':' between store and"
                    + " order id, as in xcart:10452");
        }
        if (value.length() > 200 || !ORDER_KEY.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an order key <store>:<order id> (a store name"
                    + " of letters, digits, - or _, then one order id without spaces), such as xcart:10452");
        }
        return value;
    }

    /**
     * Re-sends the order's latest canonical record, once the write is acknowledged (acks=all).
     *
     * @throws IllegalArgumentException for a malformed key ({@link #checkKey})
     * @throws IllegalStateException    when the source cannot answer yet or Kafka does not answer in time
     */
    public ResyncOutcome resend(String orderKey) {
        String key = checkKey(orderKey);
        Optional<ConsumerRecord<String, byte[]>> found = newer(source.latest(key), recent.latest(key));
        if (found.isEmpty()) {
            return new ResyncOutcome.Unknown(key);
        }
        ConsumerRecord<String, byte[]> latest = found.get();
        long committed = committed(latest.partition());
        if (committed <= latest.offset()) {
            return new ResyncOutcome.Pending(key, latest.partition(), latest.offset(), committed);
        }
        long now = clock.millis();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : latest.headers()) {
            if (!header.key().equals(REQUESTED_AT)) {
                headers.add(header);
            }
        }
        headers.add(REQUESTED_AT, Long.toString(now).getBytes(StandardCharsets.UTF_8));
        RecordMetadata written = await(producer.send(new ProducerRecord<>(Topics.RESYNC_ORDERS.name(), null, key,
                latest.value(), headers)));
        return new ResyncOutcome.Resent(key, latest.partition(), latest.offset(), written.offset(), now);
    }

    /** The later of two records of one key (one partition); either may be missing. */
    private static Optional<ConsumerRecord<String, byte[]>> newer(Optional<ConsumerRecord<String, byte[]>> a,
                                                                 Optional<ConsumerRecord<String, byte[]>> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().offset() > a.get().offset() ? b : a;
    }

    /** The p21-sink's committed offset on {@code partition} of canonical.orders: the next record it will read. */
    private long committed(int partition) {
        TopicPartition where = new TopicPartition(Topics.CANONICAL_ORDERS.name(), partition);
        Map<TopicPartition, OffsetAndMetadata> offsets = await(admin.listConsumerGroupOffsets(P21SinkService.GROUP_ID)
                .partitionsToOffsetAndMetadata());
        OffsetAndMetadata offset = offsets.get(where);
        return offset == null ? -1 : offset.offset();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
