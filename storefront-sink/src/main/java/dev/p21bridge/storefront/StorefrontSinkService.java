package dev.p21bridge.storefront;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.Route;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.platform.sink.SinkRuntime;
import dev.p21bridge.platform.sink.SinkSettings;
import dev.p21bridge.platform.sink.SinkWiring;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.storefront.catalog.CatalogFlusher;
import dev.p21bridge.storefront.catalog.CatalogIntake;
import dev.p21bridge.storefront.catalog.KafkaWrittenLog;
import dev.p21bridge.storefront.catalog.NewestChanges;
import dev.p21bridge.storefront.catalog.SkuCoalescer;
import dev.p21bridge.storefront.catalog.WrittenLevels;
import dev.p21bridge.storefront.customers.ClarityCustomerClient;
import dev.p21bridge.storefront.customers.CustomerProcessor;
import dev.p21bridge.storefront.customers.StorefrontCustomers;
import dev.p21bridge.storefront.customers.XCartCustomerClient;
import dev.p21bridge.storefront.invoices.ClarityInvoices;
import dev.p21bridge.storefront.invoices.InvoiceProcessor;
import dev.p21bridge.storefront.invoices.InvoiceTarget;
import dev.p21bridge.storefront.invoices.XCartInvoices;
import dev.p21bridge.storefront.shipments.ShipmentProcessor;
import dev.p21bridge.storefront.status.ClarityOrderStatus;
import dev.p21bridge.storefront.status.OrderStatusProcessor;
import dev.p21bridge.storefront.status.OrderStatusTarget;
import dev.p21bridge.storefront.status.XCartOrderStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storefront-sink service: consumes {@code canonical.inventory}, {@code canonical.products},
 * {@code canonical.shipments}, {@code canonical.order-status}, {@code canonical.invoices},
 * {@code canonical.customers} and {@code bridge.resync.stock} (levels an operator asked to write again) (group
 * {@code storefront-sink}) and updates every store of {@code BRIDGE_STORES} (X-Cart and Clarity stores, several of
 * one platform too) through its own API, each with its own client, URL, token and circuit.
 * Stock and prices are coalesced per SKU and written every {@code BRIDGE_STOCK_FLUSH_INTERVAL} to the storefronts of
 * {@code BRIDGE_STOREFRONTS}, each store its own share of a level (its stock locations), never older over newer
 * ({@link WrittenLevels}); each shipment goes to the store its order key {@code <store>:<order id>} names, read first
 * so nothing is sent twice; each P21 customer change goes to the stores that know the e-mail, read first too
 * ({@link CustomerProcessor}); each P21 order status becomes the status the order's store knows, never moving an
 * order back ({@link OrderStatusProcessor}). Offsets are committed only after the outcome is durable.
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
    private final StorefrontSinkSerdes serdes;
    private final Clock clock;
    private final SinkRuntime runtime;
    private volatile StorefrontCircuits circuits;

    /** The service with the given deserializers; production uses {@link #withSchemaRegistry}. */
    public StorefrontSinkService(StorefrontSinkConfig config, MeterRegistry metrics, StorefrontSinkSerdes serdes,
                                 Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.serdes = serdes;
        this.clock = clock;
        this.runtime = new SinkRuntime(settings(config.retry()), config.kafka(), metrics, clock);
    }

    /** The production service: Confluent-wire-format deserializers against {@code BRIDGE_SCHEMA_REGISTRY_URL}. */
    public static StorefrontSinkService withSchemaRegistry(StorefrontSinkConfig config, MeterRegistry metrics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        return new StorefrontSinkService(config, metrics, new StorefrontSinkSerdes(
                new ConfluentAvroDeserializer<>(registry, InventoryLevel.class),
                new ConfluentAvroDeserializer<>(registry, Product.class),
                new ConfluentAvroDeserializer<>(registry, Shipment.class),
                new ConfluentAvroDeserializer<>(registry, Customer.class),
                new ConfluentAvroDeserializer<>(registry, OrderStatus.class),
                new ConfluentAvroDeserializer<>(registry, Invoice.class)), Clock.systemUTC());
    }

    /** The storefront-sink as the sink runtime knows it: group, retry and dead-letter topics, metric names. */
    public static SinkSettings settings(RetryConfig retry) {
        return new SinkSettings(GROUP_ID, "storefront", retry);
    }

    /** Starts the service; a failure (Kafka unreachable, the marks unreadable) releases what was opened and throws. */
    public StorefrontSinkService start() {
        runtime.start(this::wire);
        log.info("storefront-sink started: {}", config);
        return this;
    }

    /** The storefront clients, and a route per topic: catalogue through the flusher, the others through retry flows. */
    private SinkWiring wire(SinkContext context) {
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        OkHttpClient http = newHttpClient(config);
        context.closeOnStop(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        Storefronts stores = config.storefronts();
        circuits = new StorefrontCircuits(stores.all(), config.retry(), clock, metrics);
        StorefrontCalls calls = new StorefrontCalls(new StorefrontErrorPolicy(), circuits, config.triesInPlace());
        Map<Storefront, StorefrontClient> clients = new LinkedHashMap<>();
        List<StorefrontCustomers> customerTargets = new ArrayList<>();
        List<OrderStatusTarget> statusTargets = new ArrayList<>();
        List<InvoiceTarget> invoiceTargets = new ArrayList<>();
        for (Store store : config.stores()) {
            // one client of each kind per store, with the store's own URL, token and circuit
            Storefront storefront = Storefront.of(store);
            HttpUrl url = HttpUrl.get(store.url());
            switch (store.platform()) {
                case XCART -> {
                    StorefrontHttp xcartHttp = new StorefrontHttp(http, storefront, "X-Auth-Token", store.token(),
                            metrics, json, clock, circuits.of(storefront));
                    clients.put(storefront, new XCartClient(xcartHttp, url, clock));
                    customerTargets.add(new XCartCustomerClient(xcartHttp, url));
                    statusTargets.add(new XCartOrderStatus(xcartHttp, url));
                    invoiceTargets.add(new XCartInvoices(xcartHttp, url));
                }
                case CLARITY -> {
                    StorefrontHttp clarityHttp = new StorefrontHttp(http, storefront, "Authorization",
                            "Bearer " + store.token(), metrics, json, clock, circuits.of(storefront));
                    clients.put(storefront, new ClarityClient(clarityHttp, url));
                    customerTargets.add(new ClarityCustomerClient(clarityHttp, url));
                    statusTargets.add(new ClarityOrderStatus(clarityHttp, url));
                    invoiceTargets.add(new ClarityInvoices(clarityHttp, url));
                }
            }
        }

        KeyedLanes recordLanes = new KeyedLanes(config.parallelism(), "storefront-sink-shipments");
        int pauseAt = Route.pauseAtFor(config.parallelism());
        Route shipmentRoute = new Route(new RetryFlow(new ShipmentProcessor(serdes.shipments(), clients, calls, context),
                context.parked(Topics.CANONICAL_SHIPMENTS.name()), context), recordLanes, pauseAt);
        Route customerRoute = new Route(new RetryFlow(new CustomerProcessor(serdes.customers(), customerTargets, calls,
                context), context.parked(Topics.CANONICAL_CUSTOMERS.name()), context), recordLanes, pauseAt);
        // the same lanes as shipments: a status and a shipment of one order key are never written at once
        Route statusRoute = new Route(new RetryFlow(new OrderStatusProcessor(serdes.orderStatuses(), statusTargets,
                calls, context),
                context.parked(Topics.CANONICAL_ORDER_STATUS.name()), context), recordLanes, pauseAt);
        Route invoiceRoute = new Route(new RetryFlow(new InvoiceProcessor(serdes.invoices(), invoiceTargets, calls,
                context),
                context.parked(Topics.CANONICAL_INVOICES.name()), context), recordLanes, pauseAt);
        SkuCoalescer coalescer = startCatalog(context, json, clients, calls);
        CatalogIntake.Context catalog = new CatalogIntake.Context(context, coalescer, new NewestChanges(),
                Set.copyOf(config.catalogTargets()), circuits);
        KeyedLanes catalogLanes = new KeyedLanes(2, "storefront-sink-intake");
        Map<String, Route> routes = Map.of(
                Topics.CANONICAL_SHIPMENTS.name(), shipmentRoute,
                Topics.CANONICAL_INVENTORY.name(), new Route(CatalogIntake.stock(serdes.levels(), catalog), catalogLanes,
                        CATALOG_PAUSE_AT),
                Topics.CANONICAL_PRODUCTS.name(), new Route(CatalogIntake.price(serdes.products(), catalog), catalogLanes,
                        CATALOG_PAUSE_AT),
                Topics.RESYNC_STOCK.name(), new Route(CatalogIntake.resync(serdes.levels(), catalog), catalogLanes,
                        CATALOG_PAUSE_AT),
                Topics.CANONICAL_CUSTOMERS.name(), customerRoute,
                Topics.CANONICAL_ORDER_STATUS.name(), statusRoute,
                Topics.CANONICAL_INVOICES.name(), invoiceRoute);
        Duration revokeWait = config.timeout().multipliedBy(3).plusSeconds(5);
        return new SinkWiring(routes, revokeWait, revoked -> revoked.forEach(coalescer::dropPartition));
    }

    /** Reads the last-written marks and starts the flusher that writes the coalesced stock and prices. */
    private SkuCoalescer startCatalog(SinkContext context, ObjectMapper json, Map<Storefront, StorefrontClient> clients,
                                      StorefrontCalls calls) {
        WrittenLevels written = new WrittenLevels(new KafkaWrittenLog(context.producer(), config.kafka(), json));
        log.info("read {} last-written marks from {}", written.load(), Topics.STOREFRONT_WRITTEN.name());
        SkuCoalescer coalescer = new SkuCoalescer(metrics, config.skuInterval(), clock);
        List<StorefrontClient> catalogTargets = clients.values().stream()
                .filter(c -> config.catalogTargets().contains(c.storefront())).toList();
        CatalogFlusher flusher = context.closeOnStop(
                new CatalogFlusher(coalescer, catalogTargets, written, calls, context, config.parallelism()));
        flusher.start(config.flushInterval());
        return coalescer;
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    /** The storefront's circuit as the sink sees it: open while it seems down and its records wait in retry. */
    public CircuitBreaker.State circuitState(Storefront storefront) {
        StorefrontCircuits current = circuits;
        return current == null ? CircuitBreaker.State.CLOSED : current.of(storefront).state();
    }

    @Override
    public void close() {
        runtime.close();
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
