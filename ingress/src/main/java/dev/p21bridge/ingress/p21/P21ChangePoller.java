package dev.p21bridge.ingress.p21;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds P21 changes by polling OData (P21 has no webhooks) and writes them to {@code raw.p21}: stock
 * ({@code inv_loc}), shipments ({@code oe_pick_ticket} with its details and order), customers and items, each table
 * on its own interval, all on one thread; a table's next poll starts its interval after the previous one ended.
 *
 * <p>Watermarks live in {@code bridge.p21-watermarks}. {@link #start()} reads them (and the event ids written inside
 * each overlap window) before the first poll, so a restart resumes where the last run stopped. A table without a
 * watermark starts at now minus the overlap: the first start does not send P21's history. Every record is
 * acknowledged by Kafka (acks=all) before the watermark moves past it, so a crash repeats at worst, never misses.
 */
public final class P21ChangePoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(P21ChangePoller.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_ID = "p21-poller";

    private final P21PollerConfig config;
    private final KafkaConfig kafka;
    private final MeterRegistry registry;
    private final Clock clock;
    private final List<P21PollerMetrics> metrics = new ArrayList<>();
    private Producer<String, byte[]> producer;
    private ScheduledExecutorService scheduler;
    private P21ChangeReader reader;

    public P21ChangePoller(P21PollerConfig config, KafkaConfig kafka, MeterRegistry metrics) {
        this(config, kafka, metrics, Clock.systemUTC());
    }

    P21ChangePoller(P21PollerConfig config, KafkaConfig kafka, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.kafka = kafka;
        this.registry = metrics;
        this.clock = clock;
    }

    /**
     * Creates {@code raw.p21} and the watermark topic if missing, reads the watermarks and schedules the polls.
     * Blocks until Kafka answered (at most about 30 s per step); throws {@link IllegalStateException} when it did not.
     * Does nothing when {@code BRIDGE_P21_POLL_ENABLED=false}.
     */
    public synchronized P21ChangePoller start() {
        if (scheduler != null) {
            throw new IllegalStateException("the P21 poller is already started");
        }
        if (!config.enabled()) {
            log.info("P21 change polling is off (BRIDGE_P21_POLL_ENABLED=false)");
            return this;
        }
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(List.of(Topics.RAW_P21, Topics.P21_WATERMARKS),
                    KAFKA_TIMEOUT);
        }
        producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka, CLIENT_ID));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(scanConsumer())) {
            P21WatermarkStore store = new P21WatermarkStore(producer, KAFKA_TIMEOUT);
            Map<P21Table, P21Cursor> cursors = cursors(store, consumer);
            store.rememberWritten(consumer, cursors);
            schedule(cursors, store);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the P21 poller: " + e.getMessage(), e);
        }
        return this;
    }

    /** True between {@link #start()} and {@link #close()} while polling is enabled. */
    public synchronized boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    /** Lets a running poll finish (bounded by the P21 timeout), then stops; nothing acknowledged is lost. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(config.timeout().multipliedBy(3).plus(KAFKA_TIMEOUT).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
        metrics.forEach(P21PollerMetrics::close);
        metrics.clear();
    }

    private Map<P21Table, P21Cursor> cursors(P21WatermarkStore store, KafkaConsumer<String, byte[]> consumer) {
        Map<P21Table, P21Watermark> stored = store.load(consumer);
        Map<P21Table, P21Cursor> cursors = new EnumMap<>(P21Table.class);
        for (P21Table table : P21Table.values()) {
            P21Watermark watermark = stored.get(table);
            if (watermark == null) {
                watermark = P21Watermark.at(config.initialLoad().contains(table) ? java.time.Instant.EPOCH
                        : clock.instant().truncatedTo(ChronoUnit.MILLIS));
                try {
                    store.save(table, watermark);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot store the first watermark of " + table.tableName()
                            + ": " + e.getMessage(), e);
                }
                log.info("no watermark for P21 {} yet: polling starts at {} (minus the overlap)", table.tableName(),
                        watermark.lastModified());
            }
            cursors.put(table, new P21Cursor(table, watermark, config.overlap()));
        }
        return cursors;
    }

    private void schedule(Map<P21Table, P21Cursor> cursors, P21WatermarkStore store) {
        reader = P21ChangeReader.of(config);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "p21-poller");
            thread.setDaemon(true);
            return thread;
        });
        for (P21Cursor cursor : cursors.values()) {
            P21PollerMetrics meters = new P21PollerMetrics(registry, cursor, clock);
            metrics.add(meters);
            P21TablePoll poll = new P21TablePoll(cursor, reader, producer, store, meters, config, KAFKA_TIMEOUT, clock);
            Duration interval = config.interval(cursor.table());
            scheduler.scheduleWithFixedDelay(poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            log.info("polling P21 {} every {} ms from {} (overlap {} ms, {} event ids of the window already written)",
                    cursor.table().tableName(), interval.toMillis(), cursor.windowStart(), config.overlap().toMillis(),
                    cursor.remembered());
        }
    }

    private Properties scanConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-start");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(kafka.clientProperties());
        return props;
    }
}
