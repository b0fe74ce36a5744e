package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.KeyedLanes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.retry.RetryScheduler;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.storefront.StorefrontConsumerLoop.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.admin.Admin;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storefront-sink service: consumes {@code canonical.inventory}, {@code canonical.products},
 * {@code canonical.shipments} and {@code canonical.customers} (group {@code storefront-sink}) and updates X-Cart and
 * Clarity through their own APIs.
 * Stock and prices are coalesced per SKU and written every {@code BRIDGE_STOCK_FLUSH_INTERVAL} to the storefronts of
 * {@code BRIDGE_STOREFRONTS}, never older over newer ({@link WrittenLevels}); each shipment goes to the storefront its
 * order key names, read first so nothing is sent twice; each P21 customer change goes to the storefronts that know
 * the e-mail, read first too ({@link CustomerProcessor}). Offsets are committed only after the
 * outcome is durable.
 * Transient failures move through {@code retry.storefront-sink.1..3} (also consumed here) to a
 * {@code retries-exhausted} dead letter; a circuit breaker per storefront stops calls to one that is down.
 * {@link #start()} creates missing topics, reads the last-written marks, connects and returns; {@link #close()} lets
 * running work finish (bounded), commits what is done and stops.
 */
public final class StorefrontSinkService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorefrontSinkService.class);
    public static final String GROUP_ID = "storefront-sink";
    /** Records of one inventory or product partition in flight before it is paused: room to coalesce a burst. */
    static final int CATALOG_PAUSE_AT = 20_000;

    private final StorefrontSinkConfig config;
    private final MeterRegistry metrics;
    private final Deserializer<InventoryLevel> levels;
    private final Deserializer<Product> products;
    private final Deserializer<Shipment> shipments;
    private final Deserializer<Customer> customers;
    private final Clock clock;
    private OkHttpClient http;
    private Producer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> scanner;
    private StorefrontCircuits circuits;
    private CatalogFlusher flusher;
    private StorefrontConsumerLoop loop;

    /** The service with the given deserializers; production uses {@link #withSchemaRegistry}. */
    public StorefrontSinkService(StorefrontSinkConfig config, MeterRegistry metrics,
                                 Deserializer<InventoryLevel> levels, Deserializer<Product> products,
                                 Deserializer<Shipment> shipments, Deserializer<Customer> customers, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.levels = levels;
        this.products = products;
        this.shipments = shipments;
        this.customers = customers;
        this.clock = clock;
    }

    /** The production service: Confluent-wire-format deserializers against {@code BRIDGE_SCHEMA_REGISTRY_URL}. */
    public static StorefrontSinkService withSchemaRegistry(StorefrontSinkConfig config, MeterRegistry metrics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        return new StorefrontSinkService(config, metrics,
                new ConfluentAvroDeserializer<>(registry, InventoryLevel.class),
                new ConfluentAvroDeserializer<>(registry, Product.class),
                new ConfluentAvroDeserializer<>(registry, Shipment.class),
                new ConfluentAvroDeserializer<>(registry, Customer.class), Clock.systemUTC());
    }

    /** Starts the service; a failure (Kafka unreachable, the marks unreadable) releases what was opened and throws. */
    public synchronized StorefrontSinkService start() {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        try {
            startUp();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("storefront-sink started: {}", config);
        return this;
    }

    private void startUp() {
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()))) {
            new TopicInitializer(admin, config.kafka()).createMissing(Topics.all(), Duration.ofSeconds(30));
        }
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        http = newHttpClient(config);
        circuits = new StorefrontCircuits(config.retry(), clock, metrics);
        Map<Storefront, StorefrontClient> clients = new EnumMap<>(Storefront.class);
        StorefrontHttp xcartHttp = new StorefrontHttp(http, Storefront.XCART, "X-Auth-Token", config.xcartToken(),
                metrics, json, clock, circuits.of(Storefront.XCART));
        StorefrontHttp clarityHttp = new StorefrontHttp(http, Storefront.CLARITY, "Authorization",
                "Bearer " + config.clarityToken(), metrics, json, clock, circuits.of(Storefront.CLARITY));
        clients.put(Storefront.XCART, new XCartClient(xcartHttp, HttpUrl.get(config.xcartUrl()), clock));
        clients.put(Storefront.CLARITY, new ClarityClient(clarityHttp, HttpUrl.get(config.clarityUrl())));

        String instance = GROUP_ID + "-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(ClientProperties.durableProducer(config.kafka(), instance));
        WrittenLevels written = new WrittenLevels(new KafkaWrittenLog(producer, config.kafka(), json));
        log.info("read {} last-written marks from {}", written.load(), Topics.STOREFRONT_WRITTEN.name());

        StorefrontErrorPolicy policy = new StorefrontErrorPolicy();
        RetryRouter router = new RetryRouter(producer, DeadLetters.SERVICE, config.retry(), clock);
        DeadLetters deadLetters = new DeadLetters(router, metrics);
        CanonicalReader reader = new CanonicalReader(deadLetters);
        SkuCoalescer coalescer = new SkuCoalescer(metrics, config.skuInterval(), clock);
        List<StorefrontClient> catalogTargets = clients.values().stream()
                .filter(c -> config.catalogTargets().contains(c.storefront())).toList();
        flusher = new CatalogFlusher(coalescer, catalogTargets, written, deadLetters, policy, router, circuits,
                config.triesInPlace(), config.parallelism(), metrics, clock);
        scanner = new KafkaConsumer<>(
                ClientProperties.backlogReader(config.kafka(), GROUP_ID, instance + "-backlog"));
        RetryBacklog backlog = new RetryBacklog(scanner);
        ParkedRecords parkedShipments = new ParkedRecords(router, backlog, Topics.CANONICAL_SHIPMENTS.name());
        ParkedRecords parkedCustomers = new ParkedRecords(router, backlog, Topics.CANONICAL_CUSTOMERS.name());
        StorefrontRetryFlow shipmentFlow = new StorefrontRetryFlow(new ShipmentProcessor(shipments, clients, reader,
                deadLetters, policy, circuits, config.triesInPlace(), metrics), router, config.retry(),
                parkedShipments, circuits, deadLetters, metrics, clock);
        CatalogIntake.Context catalog = new CatalogIntake.Context(reader, coalescer, new NewestChanges(), router,
                Set.copyOf(config.catalogTargets()), metrics);

        KeyedLanes shipmentLanes = new KeyedLanes(config.parallelism(), "storefront-sink-shipments");
        KeyedLanes catalogLanes = new KeyedLanes(2, "storefront-sink-intake");
        int shipmentPauseAt = Math.max(4 * config.parallelism(), 32);
        List<StorefrontCustomers> customerTargets = List.of(
                new XCartCustomerClient(xcartHttp, HttpUrl.get(config.xcartUrl())),
                new ClarityCustomerClient(clarityHttp, HttpUrl.get(config.clarityUrl())));
        StorefrontRetryFlow customerFlow = new StorefrontRetryFlow(new CustomerProcessor(customers, customerTargets,
                reader, deadLetters, policy, circuits, config.triesInPlace(), metrics), router, config.retry(),
                parkedCustomers, circuits, deadLetters, metrics, clock);
        Map<String, Route> routes = Map.of(
                Topics.CANONICAL_SHIPMENTS.name(), new Route(shipmentFlow, shipmentLanes, shipmentPauseAt),
                Topics.CANONICAL_INVENTORY.name(), new Route(CatalogIntake.stock(levels, catalog), catalogLanes,
                        CATALOG_PAUSE_AT),
                Topics.CANONICAL_PRODUCTS.name(), new Route(CatalogIntake.price(products, catalog), catalogLanes,
                        CATALOG_PAUSE_AT),
                Topics.CANONICAL_CUSTOMERS.name(), new Route(customerFlow, shipmentLanes, shipmentPauseAt));

        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.retryAwareConsumer(config.kafka(), GROUP_ID, instance));
        Duration revokeWait = config.timeout().multipliedBy(3).plusSeconds(5);
        loop = new StorefrontConsumerLoop(consumer, routes, revoked -> revoked.forEach(coalescer::dropPartition),
                revokeWait, new StorefrontConsumerLoop.Retries(router, new RetryScheduler(clock),
                        List.of(parkedShipments, parkedCustomers), circuits,
                        clock), metrics);
        flusher.start(config.flushInterval());
        loop.start();
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        StorefrontConsumerLoop current = loop;
        return current != null && current.isRunning();
    }

    /** The storefront's circuit as the sink sees it: open while it seems down and its records wait in retry. */
    public CircuitBreaker.State circuitState(Storefront storefront) {
        StorefrontCircuits current = circuits;
        return current == null ? CircuitBreaker.State.CLOSED : current.of(storefront).state();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
        if (flusher != null) {
            flusher.close();
            flusher = null;
        }
        if (scanner != null) {
            scanner.close(Duration.ofSeconds(5));
            scanner = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            http = null;
        }
    }

    /**
     * No automatic retry on connection failures: every state change is preceded by a read of the current state,
     * which a silent resend by OkHttp would skip. Idle connections are dropped after 20 s, before servers commonly
     * close them (Jetty 30 s, nginx 75 s), so a write rarely meets a connection already closed.
     */
    static OkHttpClient newHttpClient(StorefrontSinkConfig config) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(2 * config.parallelism() + 2, 20, TimeUnit.SECONDS))
                .build();
    }
}
