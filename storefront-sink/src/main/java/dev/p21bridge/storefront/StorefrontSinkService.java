package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.KeyedLanes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.kafka.ClientProperties;
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
 * {@code canonical.shipments} and {@code canonical.customers} (group {@code storefront-sink}) and updates X-Cart and Clarity through their own APIs.
 * Stock and prices are coalesced per SKU and written every {@code BRIDGE_STOCK_FLUSH_INTERVAL} to the storefronts of
 * {@code BRIDGE_STOREFRONTS}, never older over newer ({@link WrittenLevels}); each shipment goes to the storefront its
 * order key names, read first so nothing is sent twice; each P21 customer change goes to the storefronts that know
 * the e-mail, read first too ({@link CustomerProcessor}). Offsets are committed only after the outcome is durable.
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
    private final TransientFailureHandler transientFailures;
    private final Clock clock;
    private OkHttpClient http;
    private Producer<String, byte[]> producer;
    private CatalogFlusher flusher;
    private StorefrontConsumerLoop loop;

    /** The service with the given deserializers; production uses {@link #withSchemaRegistry}. */
    public StorefrontSinkService(StorefrontSinkConfig config, MeterRegistry metrics,
                                 Deserializer<InventoryLevel> levels, Deserializer<Product> products,
                                 Deserializer<Shipment> shipments, Deserializer<Customer> customers,
                                 TransientFailureHandler transientFailures, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.levels = levels;
        this.products = products;
        this.shipments = shipments;
        this.customers = customers;
        this.transientFailures = transientFailures;
        this.clock = clock;
    }

    /** The production service: Confluent-wire-format deserializers against {@code BRIDGE_SCHEMA_REGISTRY_URL}. */
    public static StorefrontSinkService withSchemaRegistry(StorefrontSinkConfig config, MeterRegistry metrics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        return new StorefrontSinkService(config, metrics,
                new ConfluentAvroDeserializer<>(registry, InventoryLevel.class),
                new ConfluentAvroDeserializer<>(registry, Product.class),
                new ConfluentAvroDeserializer<>(registry, Shipment.class),
                new ConfluentAvroDeserializer<>(registry, Customer.class),
                BackoffRetry.standard(), Clock.systemUTC());
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
        Map<Storefront, StorefrontClient> clients = new EnumMap<>(Storefront.class);
        StorefrontHttp xcartHttp = new StorefrontHttp(http, Storefront.XCART, "X-Auth-Token", config.xcartToken(),
                metrics, json, clock);
        StorefrontHttp clarityHttp = new StorefrontHttp(http, Storefront.CLARITY, "Authorization",
                "Bearer " + config.clarityToken(), metrics, json, clock);
        clients.put(Storefront.XCART, new XCartClient(xcartHttp, HttpUrl.get(config.xcartUrl()), clock));
        clients.put(Storefront.CLARITY, new ClarityClient(clarityHttp, HttpUrl.get(config.clarityUrl())));

        String instance = GROUP_ID + "-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(ClientProperties.durableProducer(config.kafka(), instance));
        WrittenLevels written = new WrittenLevels(new KafkaWrittenLog(producer, config.kafka(), json));
        log.info("read {} last-written marks from {}", written.load(), Topics.STOREFRONT_WRITTEN.name());

        StorefrontErrorPolicy policy = new StorefrontErrorPolicy();
        DeadLetters deadLetters = new DeadLetters(producer, metrics, clock);
        CanonicalReader reader = new CanonicalReader(deadLetters);
        SkuCoalescer coalescer = new SkuCoalescer(metrics);
        List<StorefrontClient> catalogTargets = clients.values().stream()
                .filter(c -> config.catalogTargets().contains(c.storefront())).toList();
        flusher = new CatalogFlusher(coalescer, catalogTargets, written, deadLetters, policy, transientFailures,
                config.parallelism(), metrics, clock);

        KeyedLanes shipmentLanes = new KeyedLanes(config.parallelism(), "storefront-sink-shipments");
        KeyedLanes catalogLanes = new KeyedLanes(2, "storefront-sink-intake");
        int shipmentPauseAt = Math.max(4 * config.parallelism(), 32);
        List<StorefrontCustomers> customerTargets = List.of(
                new XCartCustomerClient(xcartHttp, HttpUrl.get(config.xcartUrl())),
                new ClarityCustomerClient(clarityHttp, HttpUrl.get(config.clarityUrl())));
        Map<String, Route> routes = Map.of(
                Topics.CANONICAL_SHIPMENTS.name(), new Route(new ShipmentProcessor(shipments, clients, reader,
                        deadLetters, policy, transientFailures, metrics), shipmentLanes, shipmentPauseAt),
                Topics.CANONICAL_INVENTORY.name(), new Route(CatalogIntake.stock(levels, reader, coalescer),
                        catalogLanes, CATALOG_PAUSE_AT),
                Topics.CANONICAL_PRODUCTS.name(), new Route(CatalogIntake.price(products, reader, coalescer),
                        catalogLanes, CATALOG_PAUSE_AT),
                Topics.CANONICAL_CUSTOMERS.name(), new Route(new CustomerProcessor(customers, customerTargets, reader,
                        deadLetters, policy, transientFailures, metrics), shipmentLanes, shipmentPauseAt));

        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.manualCommitConsumer(config.kafka(), GROUP_ID, instance));
        Duration revokeWait = config.timeout().multipliedBy(3).plusSeconds(5);
        loop = new StorefrontConsumerLoop(consumer, routes, revoked -> revoked.forEach(coalescer::dropPartition),
                revokeWait, metrics);
        flusher.start(config.flushInterval());
        loop.start();
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        StorefrontConsumerLoop current = loop;
        return current != null && current.isRunning();
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
     * which a silent resend by OkHttp would skip.
     */
    static OkHttpClient newHttpClient(StorefrontSinkConfig config) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(2 * config.parallelism() + 2, 5, TimeUnit.MINUTES))
                .build();
    }
}
