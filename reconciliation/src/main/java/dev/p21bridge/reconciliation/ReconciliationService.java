package dev.p21bridge.reconciliation;

import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.streams.BoundedRocksDbMemory;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReconciliationTopology} as its own Kafka Streams application (its own application id, consumer group
 * and state), exactly once, so a ledger and the reconciliation written from it never disagree after a crash. It is
 * started beside the transformer and closed with it, but shares nothing with it but the topics.
 *
 * <p>A canonical record it cannot read is logged and skipped rather than stopping every order's reconciliation; the
 * transformer's dead letters already hold what could not become canonical. A failed stream thread is replaced.
 */
public final class ReconciliationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    /**
     * A reconciliation is read by people, not by the next step of an order's way to P21: a commit a second costs
     * one transaction per second instead of ten, and lets the store's cache write a busy order's ledger once.
     */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final ReconciliationConfig config;
    private final MeterRegistry metrics;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public ReconciliationService(ReconciliationConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public static Topology topology(ReconciliationConfig config, ReconciliationSerdes serdes) {
        Properties properties = streamsProperties(config);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
        ReconciliationTopology.build(builder, serdes);
        return builder.build(properties);
    }

    public static Properties streamsProperties(ReconciliationConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        // gzip, as the broker stores canonical.reconciliation, so it need not recompress what this application writes
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, ClientProperties.CANONICAL_COMPRESSION);
        props.putAll(config.kafka().clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        // shares the transformer's budget when both run in one JVM, as in ./bridge up
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        return props;
    }

    /** Creates missing topics and starts the application; does nothing when {@code BRIDGE_RECONCILIATION_ENABLED=false}. */
    public synchronized ReconciliationService start() {
        if (!config.enabled()) {
            log.info("reconciliation disabled ({}=false)", ReconciliationConfig.ENABLED.name());
            return this;
        }
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()))) {
            new TopicInitializer(admin, config.kafka()).createMissing(Topics.all(), Duration.ofSeconds(30));
        }
        ReconciliationSerdes serdes = ReconciliationSerdes.confluent(
                new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString()));
        KafkaStreams created = new KafkaStreams(topology(config, serdes), streamsProperties(config));
        created.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread of {} failed; replacing it", config.applicationId(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(metrics);
        streams = created;
        created.start();
        log.info("reconciliation started: application {}", config.applicationId());
        return this;
    }

    /** Running or rebalancing; a disabled reconciliation counts as healthy, since nothing is meant to run. */
    public boolean isRunning() {
        KafkaStreams current = streams;
        if (!config.enabled()) {
            return true;
        }
        return current != null && (current.state() == KafkaStreams.State.RUNNING
                || current.state() == KafkaStreams.State.REBALANCING);
    }

    /** Stops within 10 s and leaves the consumer group, so a restarted instance gets the partitions at once. */
    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}
