package dev.p21bridge.ingress;

import dev.p21bridge.ingress.availability.AvailabilityEndpoint;
import dev.p21bridge.ingress.availability.AvailabilityLevels;
import dev.p21bridge.ingress.availability.InventoryMirror;
import dev.p21bridge.platform.http.KafkaReadiness;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.platform.http.ServiceEndpoints;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress service: {@code POST /webhooks/<store>} for each store that sends webhooks (the default stores
 * {@code /webhooks/xcart} and {@code /webhooks/clarity}), {@code GET /health} (ready
 * only while Kafka is reachable), {@code GET /metrics}, and for the stores that have a token the availability API
 * {@code GET /stores/{store}/availability} ({@link AvailabilityEndpoint}, docs/availability.md). A webhook is answered 202 only after Kafka acknowledged
 * it with acks=all, so a 202 means the event survives a broker failure; anything else tells the storefront to
 * retry (503) or that retrying is pointless (4xx).
 *
 * <p>Start it with {@code new WebhookIngress(IngressConfig.from(Environment.system())).start()}; {@link #start()}
 * fails when Kafka cannot be reached to create the raw topics. {@link #close()} stops taking webhooks, then gives
 * the producer a bounded time to deliver what it holds.
 */
public final class WebhookIngress implements AutoCloseable {

    public static final String SERVICE = "ingress";
    /** docs/contract.md, section 'Webhooks': bodies over 1 MiB are answered 413. */
    public static final long MAX_BODY_BYTES = 1_048_576;
    /** Javalin's copy buffer of an answer (see installWebhooks); the answers are a few dozen bytes. */
    public static final int RESPONSE_COPY_BYTES = 1_024;
    /** Room for a 1 MiB body plus key and headers; Kafka's default of 1 MiB would refuse the largest bodies. */
    static final int MAX_REQUEST_BYTES = 2 * 1_048_576;
    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

    private final IngressConfig config;
    private final Clock clock = Clock.systemUTC();
    private Producer<String, byte[]> producer;
    private Admin admin;
    private KafkaClientMetrics producerMetrics;
    private ExecutorService replies;
    private ScheduledExecutorService timers;
    private ListenAddress listen = ListenAddress.EVERY_INTERFACE;
    private InventoryMirror inventory;
    private Javalin app;

    public WebhookIngress(IngressConfig config) {
        this(config, null);
    }

    /** Uses {@code producer} instead of one built from the config, and closes it on {@link #close()}. */
    public WebhookIngress(IngressConfig config, Producer<String, byte[]> producer) {
        this.config = config;
        this.producer = producer;
    }

    /**
     * Binds {@code address} instead of every interface (storefronts must reach a deployed ingress; the sandbox binds
     * loopback). Call before {@link #start()}.
     */
    public synchronized WebhookIngress listenOn(ListenAddress address) {
        this.listen = address;
        return this;
    }

    /**
     * Creates the raw topics that are missing, connects the producer and starts serving HTTP.
     *
     * @throws IllegalStateException when Kafka does not answer within 30 s or the port is taken; whatever was
     *                               started is closed again
     */
    public synchronized WebhookIngress start() {
        if (app != null) {
            throw new IllegalStateException("the ingress is already started");
        }
        try {
            admin = Admin.create(ClientProperties.admin(config.kafka()));
            new TopicInitializer(admin, config.kafka()).createMissing(config.availability().enabled()
                    ? List.of(Topics.RAW_XCART, Topics.RAW_CLARITY, Topics.CANONICAL_INVENTORY)
                    : List.of(Topics.RAW_XCART, Topics.RAW_CLARITY), TOPIC_CREATION_TIMEOUT);
            if (config.availability().enabled()) {
                inventory = new InventoryMirror(config.kafka(), new ConfluentAvroDeserializer<>(
                        new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString()), InventoryLevel.class),
                        new AvailabilityLevels(config.availability().maxSkus())).start();
            }
            if (producer == null) {
                producer = new KafkaProducer<>(producerProperties(config));
            }
            warmUp(producer);
            PrometheusMeterRegistry registry = Metrics.prometheus(SERVICE);
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(registry);
            replies = Executors.newFixedThreadPool(2, daemonThreads("ingress-reply-"));
            timers = bodyTimers();
            app = javalin(registry, new KafkaReadiness(admin)).start(listen.host(), config.port());
            log.info("ingress listening on {}:{}: {}", listen.host(), app.port(), config);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The bound HTTP port (useful when the config asked for port 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the ingress is not started");
        }
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        if (inventory != null) {
            inventory.close();
            inventory = null;
        }
        if (producer != null) {
            // close flushes, but only for the ack timeout: a record not acknowledged by then was answered 503
            producer.close(config.ackTimeout());
            producer = null;
        }
        if (replies != null) {
            replies.shutdown();
            replies = null;
        }
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    /**
     * The durable producer, with {@code max.block.ms} capped at the ack timeout so a send waiting for metadata or
     * buffer space never holds a request thread longer than the storefront would wait anyway. Pass-through
     * settings still win.
     */
    static Properties producerProperties(IngressConfig config) {
        Properties props = ClientProperties.durableProducer(config.kafka(), "p21-bridge-" + SERVICE);
        Properties given = config.kafka().clientProperties();
        if (!given.containsKey(ProducerConfig.MAX_BLOCK_MS_CONFIG)) {
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.ackTimeout().toMillis()));
        }
        if (!given.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
        }
        return props;
    }

    private Javalin javalin(PrometheusMeterRegistry registry, KafkaReadiness readiness) {
        List<ServiceEndpoints.Check> checks = new ArrayList<>();
        checks.add(new ServiceEndpoints.Check("kafka", readiness::isReachable));
        if (inventory != null) {
            // reported, never gating: webhooks must not wait for the availability API's levels to load
            checks.add(ServiceEndpoints.Check.reportedOnly("availability", inventory::isCaughtUp));
        }
        ServiceEndpoints endpoints = new ServiceEndpoints(SERVICE, registry, checks);
        RawEventWriter writer = new RawEventWriter(producer, config.ackTimeout(), clock);
        AvailabilityLevels levels = inventory != null ? inventory.levels() : new AvailabilityLevels(1);
        BooleanSupplier caughtUp = inventory != null ? inventory::isCaughtUp : () -> false;
        if (inventory != null) {
            Gauge.builder("availability.skus", levels, AvailabilityLevels::size)
                    .description("SKUs the availability API holds").register(registry);
            Gauge.builder("availability.skus.refused", levels, AvailabilityLevels::refused)
                    .description("SKUs not held because BRIDGE_AVAILABILITY_MAX_SKUS were").register(registry);
            Gauge.builder("availability.records.skipped", inventory, InventoryMirror::skipped)
                    .description("canonical.inventory records that could not be read").register(registry);
        }
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            endpoints.install(cfg);
            new AvailabilityEndpoint(config.availability(), levels, caughtUp, registry).install(cfg);
            installWebhooks(cfg, config, writer, registry, replies, timers, clock);
        });
    }

    /**
     * A webhook route per store that sends webhooks ({@code /webhooks/<store>}), and error answers that are JSON whatever the client accepts ({@code {"error": "..."}},
     * also for Javalin's own 404). The 1 MiB limit is the endpoint's: it reads the body itself ({@link RequestBody}),
     * so Javalin's {@code maxRequestSize}, which only its own body reads check, is not set.
     */
    static void installWebhooks(JavalinConfig cfg, IngressConfig config, RawEventWriter writer,
                                MeterRegistry registry, Executor replies, ScheduledExecutorService timers,
                                Clock clock) {
        // Javalin copies each answer through a buffer of this size, new for every answer, 32 KiB unless set (Jetty's
        // output buffer size): a quarter of everything the ingress allocated per webhook for an answer of 40 bytes.
        cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
        for (WebhookStore store : config.webhookStores()) {
            WebhookValidator validator = new WebhookValidator(store, config.tolerance(), clock);
            cfg.routes.post("/webhooks/" + store.name(), new WebhookEndpoint(validator, writer,
                    new WebhookMetrics(registry, store.name()), MAX_BODY_BYTES, replies, timers, config.bodyTimeout()));
        }
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            // Javalin's own answers (a 404 for an unknown source) come before anything read the body
            BodyDeadline deadline = BodyDeadline.start(timers, config.bodyTimeout(), ctx.req());
            try {
                WebhookEndpoint.discardRest(ctx, false);
            } finally {
                deadline.settle();
            }
            ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "internal error"));
        });
    }

    /** Fetches the raw topics' metadata now, so the first webhooks do not wait for it inside {@code send}. */
    private static void warmUp(Producer<String, byte[]> producer) {
        for (WebhookSource source : WebhookSource.values()) {
            try {
                producer.partitionsFor(source.topic().name());
            } catch (RuntimeException e) {
                log.warn("no metadata yet for {}: {}", source.topic(), e.getMessage());
            }
        }
    }

    /**
     * One thread that closes the connections of senders past the body timeout ({@link BodyDeadline}); a deadline is
     * cancelled for nearly every request, so cancelled ones are removed at once rather than kept until they are due.
     */
    static ScheduledExecutorService bodyTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemonThreads("ingress-body-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
