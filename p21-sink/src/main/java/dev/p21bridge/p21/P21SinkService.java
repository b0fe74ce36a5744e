package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21client.P21CallLimit;
import dev.p21bridge.p21client.P21CallTimeouts;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.consumer.KeyedLanes;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.InPlaceRetry;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.Route;
import dev.p21bridge.platform.sink.Sink;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.platform.sink.SinkRuntime;
import dev.p21bridge.platform.sink.SinkSettings;
import dev.p21bridge.platform.sink.SinkWiring;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The p21-sink service: consumes {@code canonical.orders}, {@code canonical.customers}, {@code canonical.payments},
 * {@code canonical.returns}, {@code bridge.resync.orders} (orders an operator re-drives, a slower lane through the same
 * order writer) and {@code retry.p21-sink.1..3} (group {@code p21-sink}) and turns each order into a
 * P21 sales order exactly once, confirming it on {@code canonical.order-confirmations} or dead-lettering it on
 * {@code dlq.p21-sink}, each storefront customer change into P21's customer master (docs/customers.md), each
 * payment into a cash receipt and each return into an RMA (docs/cash-and-returns.md); it also reads {@code bridge.holds}
 * and applies operators' decisions on orders held for review (docs/risk.md). {@link #start()} creates missing topics, connects and returns; the
 * work runs on the platform's sink runtime ({@link SinkRuntime}): a poll thread and
 * four workers per P21 call of {@code BRIDGE_P21_SINK_PARALLELISM} ({@link #workers(int)}), each order through the
 * {@link RetryFlow}. What is the p21-sink's own
 * is the wiring: P21's clients, the order writer and its {@link P21ErrorPolicy}, the {@link InPlaceRetry} that absorbs
 * P21's random faults on the spot and the {@link P21CallTimeouts} that keep a hanging call from holding a worker for
 * the whole {@code BRIDGE_P21_TIMEOUT}. {@link #close()} lets running orders
 * finish (bounded), commits what is done and stops.
 */
public final class P21SinkService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(P21SinkService.class);
    public static final String GROUP_ID = "p21-sink";
    private static final int CUSTOMER_CACHE_SIZE = 100_000;
    /** What the customer directory's filter is sized for: more e-mails only make it answer "maybe" more often. */
    private static final int EXPECTED_CUSTOMERS = 2_000_000;
    private static final int CUSTOMER_PAGE = 1_000;
    static final int WORKERS_PER_CALL = 4;
    /** Re-sync records of one partition in flight at once: an operator's few, never in the live orders' way. */
    static final int RESYNC_IN_FLIGHT = 2;

    private final P21Config config;
    private final MeterRegistry metrics;
    private final P21SinkSerdes serdes;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final SinkRuntime runtime;

    /** The service with the given serdes; tests pass plain Avro ones, production the Confluent ones. */
    public P21SinkService(P21Config config, MeterRegistry metrics, P21SinkSerdes serdes, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.serdes = serdes;
        this.clock = clock;
        this.breaker = CircuitBreaker.of("p21", config.retry(), clock);
        this.runtime = new SinkRuntime(new SinkSettings(OrderRecordProcessor.SERVICE, "p21", config.retry()),
                config.kafka(), metrics, clock);
        Gauge.builder("p21.circuit.state", breaker, b -> b.state().ordinal())
                .description("P21's circuit: 0 closed, 1 open, 2 half-open").register(metrics);
        FunctionCounter.builder("p21.circuit.opened", breaker, CircuitBreaker::timesOpened)
                .description("how often P21's circuit opened").register(metrics);
    }

    /** The production service: Confluent-wire-format serdes against {@code BRIDGE_SCHEMA_REGISTRY_URL}. */
    public static P21SinkService withSchemaRegistry(P21Config config, MeterRegistry metrics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        return new P21SinkService(config, metrics, new P21SinkSerdes(
                new ConfluentAvroDeserializer<>(registry, Order.class),
                new ConfluentAvroDeserializer<>(registry, Customer.class),
                new ConfluentAvroDeserializer<>(registry, PaymentCapture.class),
                new ConfluentAvroDeserializer<>(registry, ReturnRequest.class),
                new ConfluentAvroSerializer<>(registry, OrderConfirmation.class),
                new ConfluentAvroSerializer<>(registry, OrderStatus.class)), Clock.systemUTC());
    }

    public P21SinkService start() {
        runtime.start(new Sink() {
            @Override
            public void checkTopics(TopicInitializer topics) {
                requireCoPartitionedRetryTopics(topics);
            }

            @Override
            public SinkWiring wire(SinkContext context) {
                return P21SinkService.this.wire(context);
            }
        });
        log.info("p21-sink started: {}", config);
        return this;
    }

    /**
     * P21's clients and two routes through the retry flow on the same workers: canonical.orders to the order writer,
     * canonical.customers to the customer master writer. Both share one {@link CustomerResolver}, whose per-e-mail
     * lock keeps an order and a sign-up of the same new buyer from creating two customers.
     */
    private SinkWiring wire(SinkContext context) {
        OkHttpClient http = newHttpClient(config);
        context.closeOnStop(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        ObjectMapper json = new ObjectMapper();
        HttpUrl base = HttpUrl.get(config.baseUrl());
        P21ErrorPolicy policy = new P21ErrorPolicy();
        P21TokenProvider tokens = new P21TokenProvider(http, base, config.username(), config.password(), clock, json);
        P21CallLimit calls = new P21CallLimit(1, config.parallelism());
        Gauge.builder("p21.calls.limit", calls, P21CallLimit::limit)
                .description("P21 calls the p21-sink may have out at once now (adaptive)").register(metrics);
        P21HttpClient p21 = new P21HttpClient(http, tokens, policy, breaker, metrics, json,
                new P21CallTimeouts(config.timeoutFloor(), config.readTimeout()), calls);
        P21ODataClient odata = new P21ODataClient(p21, base);
        P21TransactionClient transactions = new P21TransactionClient(p21, base);
        P21OrderMapper mapper = new P21OrderMapper(config.orderMapping());
        P21RecordFinder finder = new P21RecordFinder(odata);
        CustomerResolver customers = new CustomerResolver(finder, transactions, mapper, policy, CUSTOMER_CACHE_SIZE,
                clock);
        P21CustomerDirectory directory = context.closeOnStop(new P21CustomerDirectory(config.kafka(),
                context.producer(), clock, EXPECTED_CUSTOMERS));
        directory.start(customers, into -> finder.forEachCustomer(CUSTOMER_PAGE, into));
        customers.consult(directory);
        OrderLookups lookups = context.closeOnStop(new OrderLookups(finder, lookupCalls(config.parallelism())));
        SalesOrderWriter writer = new SalesOrderWriter(lookups, transactions, customers, mapper, policy,
                config.payable(), new P21OrderReader(odata));
        CustomerMasterWriter master = new CustomerMasterWriter(finder, transactions, customers, new P21CustomerMapper(),
                policy);

        P21CashMapper cash = new P21CashMapper(config.paymentMapping());
        PaymentWriter payments = new PaymentWriter(finder, lookups, transactions, cash, policy);
        ReturnWriter returns = new ReturnWriter(lookups, new P21OrderReader(odata), transactions, cash, policy);

        InPlaceRetry inPlace = new InPlaceRetry(config.inPlaceBudget(), config.inPlaceTries(),
                InPlaceRetry.defaultBackoff(), breaker, clock);
        KeyedLanes lanes = new KeyedLanes(workers(config.parallelism()), "p21-sink-worker");
        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put(Topics.CANONICAL_ORDERS.name(), route(context, lanes, Topics.CANONICAL_ORDERS.name(),
                new OrderRecordProcessor(serdes.orders(), serdes.confirmations(), serdes.statuses(), writer, breaker,
                        inPlace, context)));
        // the resync lane: the same writer, so exactly once holds as for live orders; the same per-key lanes, so a
        // resync never runs beside a live record of its order; few records in flight, so it never crowds live orders
        routes.put(Topics.RESYNC_ORDERS.name(), new Route(new RetryFlow(
                new OrderRecordProcessor(serdes.orders(), serdes.confirmations(), serdes.statuses(), writer, breaker,
                        inPlace, context),
                context.parked(Topics.RESYNC_ORDERS.name()), context), lanes, RESYNC_IN_FLIGHT));
        routes.put(Topics.CANONICAL_CUSTOMERS.name(), route(context, lanes, Topics.CANONICAL_CUSTOMERS.name(),
                new CustomerRecordProcessor(serdes.customers(), master, breaker, inPlace, context)));
        routes.put(Topics.CANONICAL_PAYMENTS.name(), route(context, lanes, Topics.CANONICAL_PAYMENTS.name(),
                new P21Delivery<>("payment", "p21.payments", serdes.payments(), "PaymentCapture",
                        payment -> CashSteps.payment(payments, payment), breaker, inPlace, context)));
        routes.put(Topics.CANONICAL_RETURNS.name(), route(context, lanes, Topics.CANONICAL_RETURNS.name(),
                new P21Delivery<>("return", "p21.returns", serdes.returns(), "ReturnRequest",
                        request -> CashSteps.returned(returns, request), breaker, inPlace, context)));
        HoldDecisionWriter decisions = new HoldDecisionWriter(lookups, new P21OrderReader(odata), transactions, mapper,
                policy, context.producer());
        routes.put(Topics.HOLDS.name(), route(context, lanes, Topics.HOLDS.name(),
                new P21Delivery<>("hold decision", "p21.hold.decisions", (topic, bytes) -> Hold.fromJson(bytes),
                        "Hold (JSON)", decisions::apply, breaker, inPlace, context)));
        Duration revokeWait = config.readTimeout().multipliedBy(3).plusSeconds(5);
        return new SinkWiring(Map.copyOf(routes), revokeWait);
    }

    /** A topic's deliveries through the retry flow, on the workers every topic shares (one lane per key). */
    private Route route(SinkContext context, KeyedLanes lanes, String topic, Delivery delivery) {
        return new Route(new RetryFlow(delivery, context.parked(topic), context), lanes,
                Route.pauseAtFor(workers(config.parallelism())));
    }

    /**
     * Workers (per-key lanes) for a limit of {@code parallelism} P21 calls: four per call, so records waiting out a
     * backoff or Retry-After in place, which hold no call, do not leave P21's capacity unused.
     */
    static int workers(int parallelism) {
        return WORKERS_PER_CALL * parallelism;
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    /** P21's circuit as the sink sees it: open while P21 seems down and orders wait in the retry topics. */
    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Order look-up calls out at once: one per four workers, at least two. Few enough that under load the workers'
     * look-ups share calls (OrderLookups), enough that look-ups do not queue behind one slow answer: with one per
     * eight workers (two calls of up to 20 orders) the look-ups were what the sink waited for at 400 orders/s.
     */
    static int lookupCalls(int parallelism) {
        return Math.max(2, parallelism / 4);
    }

    /** Stops at start when a retry topic's partition count differs from {@code canonical.orders}'. */
    private void requireCoPartitionedRetryTopics(TopicInitializer initializer) {
        List<String> names = new ArrayList<>(List.of(Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_CUSTOMERS.name(),
                Topics.CANONICAL_PAYMENTS.name(), Topics.CANONICAL_RETURNS.name(), Topics.RESYNC_ORDERS.name(),
                Topics.HOLDS.name()));
        for (int level = 1; level <= config.retry().levels(); level++) {
            names.add(Topics.retry(OrderRecordProcessor.SERVICE, level).name());
        }
        Map<String, TopicDescription> topics = initializer.describe(names, Duration.ofSeconds(30));
        int expected = topics.get(Topics.CANONICAL_ORDERS.name()).partitions().size();
        for (String name : names) {
            int actual = topics.get(name).partitions().size();
            if (actual != expected) {
                throw new IllegalStateException(name + " has " + actual + " partitions but canonical.orders has "
                        + expected + "; the retry topics must match it so an order's retries stay in order");
            }
        }
    }

    /**
     * No automatic retry on connection failures: OkHttp would otherwise send a POST again that P21 may already have
     * applied; such a failure must come back to the writer, which looks the order up first. Idle connections are
     * dropped after {@link #IDLE_KEEP_ALIVE}, before servers commonly close them (Jetty 30 s, nginx 75 s, IIS 120 s),
     * so a POST rarely meets a connection the server has already closed.
     */
    static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(20);

    static OkHttpClient newHttpClient(P21Config config) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(config.parallelism() + 2, IDLE_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
                .build();
    }
}
