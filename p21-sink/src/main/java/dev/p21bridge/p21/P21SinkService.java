package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The p21-sink service: consumes {@code canonical.orders} (group {@code p21-sink}) and turns each order into a P21
 * sales order exactly once, confirming it on {@code canonical.order-confirmations} or dead-lettering it on
 * {@code dlq.p21-sink}. {@link #start()} creates missing topics, connects and returns; the work runs on a poll
 * thread and {@code BRIDGE_P21_SINK_PARALLELISM} workers ({@link OrderConsumerLoop}). {@link #close()} lets running
 * orders finish (bounded), commits what is done and stops.
 */
public final class P21SinkService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(P21SinkService.class);
    public static final String GROUP_ID = "p21-sink";
    private static final int CUSTOMER_CACHE_SIZE = 10_000;

    private final P21Config config;
    private final MeterRegistry metrics;
    private final Deserializer<Order> orders;
    private final Serializer<OrderConfirmation> confirmations;
    private final TransientFailureHandler transientFailures;
    private final Clock clock;
    private OkHttpClient http;
    private Producer<String, byte[]> producer;
    private OrderConsumerLoop loop;

    /** The service with the given serdes; tests pass plain Avro ones, production the Confluent ones. */
    public P21SinkService(P21Config config, MeterRegistry metrics, Deserializer<Order> orders,
                          Serializer<OrderConfirmation> confirmations, TransientFailureHandler transientFailures,
                          Clock clock) {
        AvroClassTrust.trustCanonicalSchemas();
        this.config = config;
        this.metrics = metrics;
        this.orders = orders;
        this.confirmations = confirmations;
        this.transientFailures = transientFailures;
        this.clock = clock;
    }

    /** The production service: Confluent-wire-format serdes against {@code BRIDGE_SCHEMA_REGISTRY_URL}. */
    public static P21SinkService withSchemaRegistry(P21Config config, MeterRegistry metrics) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        return new P21SinkService(config, metrics, new ConfluentAvroDeserializer<>(registry, Order.class),
                new ConfluentAvroSerializer<>(registry, OrderConfirmation.class), BackoffRetry.standard(),
                Clock.systemUTC());
    }

    public synchronized P21SinkService start() {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()))) {
            new TopicInitializer(admin, config.kafka()).createMissing(Topics.all(), Duration.ofSeconds(30));
        }
        http = newHttpClient(config);
        ObjectMapper json = new ObjectMapper();
        HttpUrl base = HttpUrl.get(config.baseUrl());
        P21ErrorPolicy policy = new P21ErrorPolicy();
        P21TokenProvider tokens = new P21TokenProvider(http, base, config.username(), config.password(), clock, json);
        P21HttpClient p21 = new P21HttpClient(http, tokens, policy, metrics, json);
        P21ODataClient odata = new P21ODataClient(p21, base);
        P21TransactionClient transactions = new P21TransactionClient(p21, base);
        P21OrderMapper mapper = new P21OrderMapper();
        CustomerResolver customers = new CustomerResolver(odata, transactions, mapper, policy, CUSTOMER_CACHE_SIZE);
        SalesOrderWriter writer = new SalesOrderWriter(odata, transactions, customers, mapper, policy);

        String instance = GROUP_ID + "-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(ClientProperties.durableProducer(config.kafka(), instance));
        OrderRecordProcessor processor = new OrderRecordProcessor(orders, confirmations, writer, producer,
                transientFailures, metrics, clock);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.manualCommitConsumer(config.kafka(), GROUP_ID, instance));
        Duration revokeWait = config.readTimeout().multipliedBy(3).plusSeconds(5);
        loop = new OrderConsumerLoop(consumer, processor, config.parallelism(), revokeWait, metrics);
        loop.start();
        log.info("p21-sink started: {}", config);
        return this;
    }

    /** True while the poll loop runs; the ops console reports it as the service's readiness. */
    public boolean isRunning() {
        OrderConsumerLoop current = loop;
        return current != null && current.isRunning();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
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
     * No automatic retry on connection failures: OkHttp would otherwise send a POST again that P21 may already have
     * applied; such a failure must come back to the writer, which looks the order up first.
     */
    static OkHttpClient newHttpClient(P21Config config) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(config.parallelism() + 2, 5, TimeUnit.MINUTES))
                .build();
    }
}
