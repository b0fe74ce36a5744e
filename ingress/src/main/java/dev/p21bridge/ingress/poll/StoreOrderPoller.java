package dev.p21bridge.ingress.poll;

import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StorePlatform;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * Polls the order list of every store in mode {@code poll} or {@code both} (docs/order-polling.md), for stores that
 * send no webhooks, such as stock X-Cart 5.5. Each store polls on its own thread, its next poll starting its interval
 * after the previous one ended, so a store whose API fails or hangs (bounded by the timeout) delays only itself.
 *
 * <p>Positions live in {@code bridge.store-poll-positions}; {@link #start()} reads them before the first poll, so a
 * restart resumes where the last run stopped. A store without a position starts at now: the first start does not
 * send the store's history, only what changed within the overlap before it.
 */
public final class StoreOrderPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreOrderPoller.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_ID = "store-poller";

    private final List<Store> stores;
    private final KafkaConfig kafka;
    private final MeterRegistry registry;
    private final Duration httpTimeout;
    private final Clock clock;
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();
    private Producer<String, byte[]> producer;

    /** @param stores every configured store; those in mode {@code webhook} are left alone */
    public StoreOrderPoller(List<Store> stores, KafkaConfig kafka, MeterRegistry metrics, Duration httpTimeout) {
        this(stores, kafka, metrics, httpTimeout, Clock.systemUTC());
    }

    StoreOrderPoller(List<Store> stores, KafkaConfig kafka, MeterRegistry metrics, Duration httpTimeout, Clock clock) {
        this.stores = stores.stream().filter(store -> store.mode().polls()).toList();
        this.kafka = kafka;
        this.registry = metrics;
        this.httpTimeout = httpTimeout;
        this.clock = clock;
    }

    /**
     * Creates the position topic if missing, reads the positions and schedules the polls; does nothing when no store
     * is polled. Throws {@link IllegalStateException} when Kafka did not answer within about 30 s.
     */
    public synchronized StoreOrderPoller start() {
        if (producer != null) {
            throw new IllegalStateException("the store poller is already started");
        }
        if (stores.isEmpty()) {
            return this;
        }
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(List.of(Topics.RAW_XCART, Topics.RAW_CLARITY,
                    Topics.STORE_POLL_POSITIONS), KAFKA_TIMEOUT);
        }
        producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka, CLIENT_ID));
        PollPositionStore positions = new PollPositionStore(producer, KAFKA_TIMEOUT);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(scanConsumer())) {
            Map<String, PollPosition> saved = positions.load(consumer);
            for (Store store : stores) {
                PollPosition start = saved.getOrDefault(store.name(),
                        PollPosition.startingAt(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
                schedule(store, start, positions);
            }
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the store poller: " + e.getMessage(), e);
        }
        return this;
    }

    /** True while at least one store is polled. */
    public synchronized boolean isRunning() {
        return !schedulers.isEmpty() && schedulers.stream().noneMatch(ScheduledExecutorService::isShutdown);
    }

    /** Lets running polls finish (bounded by the HTTP and Kafka timeouts), then stops; nothing acknowledged is lost. */
    @Override
    public synchronized void close() {
        for (ScheduledExecutorService scheduler : schedulers) {
            scheduler.shutdown();
        }
        for (ScheduledExecutorService scheduler : schedulers) {
            try {
                if (!scheduler.awaitTermination(httpTimeout.multipliedBy(2).plus(KAFKA_TIMEOUT).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        schedulers.clear();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private void schedule(Store store, PollPosition start, PollPositionStore positions) {
        StoreHttp http = new StoreHttp(httpTimeout);
        StoreOrderList list = store.platform() == StorePlatform.XCART
                ? new XCartOrderList(store.url(), store.token(), http)
                : new ClarityOrderList(store.url(), store.token(), http);
        StoreOrderPoll poll = new StoreOrderPoll(store, list, producer, positions, start,
                new StorePollMetrics(registry, store.name()), KAFKA_TIMEOUT, clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-poller-" + store.name());
            thread.setDaemon(true);
            return thread;
        });
        schedulers.add(scheduler);
        scheduler.scheduleWithFixedDelay(poll, 0, store.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("polling the orders of store {} ({}, mode {}) every {} ms from {} (overlap {} ms)", store.name(),
                store.platform().label(), store.mode().id(), store.pollInterval().toMillis(), start.lastChange(),
                store.pollOverlap().toMillis());
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
