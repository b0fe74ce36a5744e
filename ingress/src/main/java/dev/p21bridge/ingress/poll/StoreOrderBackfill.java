package dev.p21bridge.ingress.poll;

import dev.p21bridge.ingress.RawEventWriter;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.orders.ReceivedVia;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./bridge backfill orders}: reads a store's order history through the same order-list client the poller
 * uses, oldest creation first from {@code --since}, and writes every order to the store's raw topic as an
 * {@code order.created} with {@code received-via: backfill} (event id {@code backfill:<store>:<order id>}). Exactly
 * once holds downstream, not here: the transformer drops an order key it remembers ({@code orders-seen}), and never
 * vouches for a backfilled order as new, so the p21-sink looks every one up by {@code web_reference_no} before
 * creating it, also one older than the transformer's memory (docs/order-polling.md, section 'Backfill').
 *
 * <p>A slower lane beside live traffic: at most {@code rate} orders a second, so the transformer and the p21-sink
 * are never handed a burst that would queue live orders behind it. After each page Kafka's acknowledgement is
 * awaited and only then the position is kept ({@code backfill:<store>} in {@code bridge.store-poll-positions}); a run
 * stopped (Ctrl-C) or failed resumes there. Orders created after the run began are left to the live path.
 */
public final class StoreOrderBackfill implements AutoCloseable {

    /** Orders a second when {@code --rate} is not given: a tenth of what one bridge takes in (docs/benchmarks.md). */
    public static final double DEFAULT_RATE = 50;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PAGES = 1_000_000;

    /** After each page: pages read in this run, and orders read and sent over every run of this backfill. */
    public record Progress(int page, long read, long sent) {
    }

    /** @param resumedFrom the cursor an earlier run had reached; null when this run started at {@code since} */
    public record Result(long read, long sent, boolean stopped, Instant resumedFrom) {
    }

    private final Store store;
    private final StoreOrderList list;
    private final Producer<String, byte[]> producer;
    private final BackfillPositionStore positions;
    private final Optional<BackfillPosition> saved;
    private final Clock clock;
    private final AutoCloseable resources;

    StoreOrderBackfill(Store store, StoreOrderList list, Producer<String, byte[]> producer,
                       BackfillPositionStore positions, Optional<BackfillPosition> saved, Clock clock,
                       AutoCloseable resources) {
        this.store = store;
        this.list = list;
        this.producer = producer;
        this.positions = positions;
        this.saved = saved;
        this.clock = clock;
        this.resources = resources;
    }

    /** Connects to Kafka (creating the raw and position topics if missing) and reads the kept position. */
    public static StoreOrderBackfill open(Store store, KafkaConfig kafka, Duration httpTimeout) {
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(List.of(Topics.RAW_XCART, Topics.RAW_CLARITY,
                    Topics.STORE_POLL_POSITIONS), KAFKA_TIMEOUT);
        }
        Producer<String, byte[]> producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka,
                "backfill-" + store.name()));
        BackfillPositionStore positions = new BackfillPositionStore(producer, KAFKA_TIMEOUT);
        Optional<BackfillPosition> saved;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(scanConsumer(kafka))) {
            saved = positions.load(consumer, store.name());
        } catch (RuntimeException e) {
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
        StoreHttp http = new StoreHttp(httpTimeout);
        StoreOrderList list = store.platform() == StorePlatform.XCART
                ? new XCartOrderList(store.url(), store.token(), http)
                : new ClarityOrderList(store.url(), store.token(), http);
        return new StoreOrderBackfill(store, list, producer, positions, saved, Clock.systemUTC(),
                () -> producer.close(Duration.ofSeconds(5)));
    }

    /** The position an earlier run kept for {@code since}, if any: what {@link #run} resumes from. */
    public Optional<Instant> resumesFrom(Instant since) {
        return saved.filter(p -> p.since().equals(since)).map(BackfillPosition::cursor);
    }

    /**
     * Reads and writes until the history is read (up to the orders created when this run began) or {@code stop}
     * answers true, checked between orders; either way what was written is acknowledged and the position kept.
     *
     * @param restart true to start at {@code since} even when an earlier run of the same {@code since} was kept
     * @param rate    orders a second at most, more than 0
     * @throws Exception the store's or Kafka's failure; the position stays at the last page acknowledged
     */
    public Result run(Instant since, boolean restart, double rate, Consumer<Progress> progress, BooleanSupplier stop)
            throws Exception {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the rate must be more than 0 orders a second, got " + rate);
        }
        Instant until = clock.instant();
        Optional<BackfillPosition> resumed = restart ? Optional.empty()
                : saved.filter(p -> p.since().equals(since));
        BackfillPosition position = resumed.orElse(BackfillPosition.startingAt(since));
        Instant from = position.cursor();
        Pace pace = new Pace(rate);
        String topic = (store.platform() == StorePlatform.XCART ? Topics.RAW_XCART : Topics.RAW_CLARITY).name();
        for (int page = 1; page <= MAX_PAGES; page++) {
            List<ListedOrder> orders = list.createdSince(from, page);
            List<Future<RecordMetadata>> acks = new ArrayList<>(orders.size());
            boolean ended = orders.size() < StoreOrderList.PAGE_SIZE;
            boolean stopped = false;
            int read = 0;
            for (ListedOrder order : orders) {
                if (order.created().isAfter(until)) {
                    ended = true;
                    break;
                }
                read++;
                if (position.wasWritten(order)) {
                    continue;
                }
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                pace.await();
                acks.add(producer.send(record(topic, order)));
                position = position.after(order);
            }
            RawEventWriter.awaitAcknowledged(acks, KAFKA_TIMEOUT, "backfilled orders");
            position = position.read(read);
            positions.save(store.name(), position);
            progress.accept(new Progress(page, position.read(), position.sent()));
            if (stopped || ended) {
                return new Result(position.read(), position.sent(), stopped,
                        resumed.map(BackfillPosition::cursor).orElse(null));
            }
        }
        throw new IllegalStateException("the order history of store " + store.name() + " did not end within "
                + MAX_PAGES + " pages");
    }

    private ProducerRecord<String, byte[]> record(String topic, ListedOrder order) {
        RecordHeaders headers = RawEventWriter.headers("order.created", eventId(store.name(), order),
                store.platform().id(), store.name(), clock);
        ReceivedVia.add(headers, ReceivedVia.BACKFILL);
        return new ProducerRecord<>(topic, StorePartition.of(producer, topic, store.name()), order.id(), order.body(),
                headers);
    }

    /** One per order and store: a repeat of a backfill is dropped by the transformer's order key anyway. */
    static String eventId(String store, ListedOrder order) {
        return "backfill:" + store + ":" + order.id();
    }

    @Override
    public void close() throws Exception {
        list.close();
        resources.close();
    }

    private static Properties scanConsumer(KafkaConfig kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "backfill-start");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(kafka.clientProperties());
        return props;
    }

    /** At most {@code rate} calls of {@link #await} a second, evenly spaced; the first one passes at once. */
    static final class Pace {
        private final long gapNanos;
        private long next = System.nanoTime();

        Pace(double rate) {
            this.gapNanos = (long) (1_000_000_000L / rate);
        }

        void await() throws InterruptedException {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next = Math.max(next, System.nanoTime() - gapNanos) + gapNanos;
        }
    }
}
