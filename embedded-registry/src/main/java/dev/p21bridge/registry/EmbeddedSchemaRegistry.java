package dev.p21bridge.registry;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry in the JVM, storing its history as Confluent's does: in a compacted
 * one-partition Kafka topic ({@value #DEFAULT_TOPIC} by default), created at start if missing.
 *
 * <p>At start it reads the topic to its end, so schema ids and versions survive restarts and stay stable. Every change
 * is acknowledged by Kafka (acks=all) before it is applied and answered. It is a <b>single writer</b>: run one
 * registry per topic; two registries writing the same topic could hand out the same id twice. Thread-safe.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry("localhost:9092", 8081).start()) {
 *     String url = registry.url();   // http://localhost:8081
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    private final SchemaLog log;
    private final int requestedPort;
    private final String description;
    private Javalin app;

    /** A registry on {@code port} (0: any free port) keeping its history in topic {@value #DEFAULT_TOPIC}, replication 1. */
    public EmbeddedSchemaRegistry(String kafkaBootstrapServers, int port) {
        this(kafkaBootstrapServers, port, DEFAULT_TOPIC, (short) 1);
    }

    /** A registry keeping its history in {@code topic}, created with {@code replicationFactor} if missing. */
    public EmbeddedSchemaRegistry(String kafkaBootstrapServers, int port, String topic, short replicationFactor) {
        this(new KafkaSchemaLog(kafkaBootstrapServers, topic, replicationFactor), port, "topic " + topic);
    }

    private EmbeddedSchemaRegistry(SchemaLog log, int port, String description) {
        this.log = log;
        this.requestedPort = port;
        this.description = description;
    }

    /**
     * A registry that keeps its history in memory only, lost when it closes. For unit tests that need a registry but
     * no broker; the HTTP API is the same.
     */
    public static EmbeddedSchemaRegistry inMemory(int port) {
        return new EmbeddedSchemaRegistry(new InMemorySchemaLog(), port, "memory");
    }

    /**
     * Replays the stored history, then serves HTTP on all interfaces.
     *
     * @throws IllegalStateException when Kafka cannot be reached or the history cannot be read in time
     */
    public synchronized EmbeddedSchemaRegistry start() {
        if (app != null) {
            return this;
        }
        try {
            SchemaRegistryHttpApi api = new SchemaRegistryHttpApi(new SchemaRegistryService(log));
            app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
                api.addTo(cfg.routes);
            });
            app.start("0.0.0.0", requestedPort);
        } catch (RuntimeException e) {
            app = null;
            log.close();
            throw e;
        }
        LOG.info("Schema registry listening on {} (history in {})", url(), description);
        return this;
    }

    /** The base URL clients use, e.g. {@code http://localhost:8081}. */
    public String url() {
        return "http://localhost:" + port();
    }

    /** The bound port; only known after {@link #start()}. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the schema registry is not started");
        }
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        log.close();
    }
}
