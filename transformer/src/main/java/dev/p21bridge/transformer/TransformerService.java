package dev.p21bridge.transformer;

import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the transformer topology. A stream thread that dies of an unexpected error (the registry unreachable while a
 * record is serialized, say) is replaced rather than left dead; under exactly-once its open transaction is aborted,
 * so the records it was working on are processed again by the new thread, never twice.
 */
public final class TransformerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransformerService.class);

    private final TransformerConfig config;
    private final MeterRegistry metrics;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public TransformerService(TransformerConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public static Topology topology(TransformerConfig config, CanonicalSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        TransformerTopology.build(builder, config, serdes);
        return builder.build(streamsProperties(config));
    }

    public static Properties streamsProperties(TransformerConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafka().clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ_TRANSFORMER.name());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ContractDeadLetterHandler.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ContractDeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // A task with several inputs (both storefronts' raw topics; orders and confirmations; readings and orders per
        // item) processes what it has instead of first asking whether another input holds an older record. Nothing
        // here needs that order (dedup looks at keys, reservations at the times inside the records, and order-lines
        // keeps a confirmation that comes before its order), and in Kafka 4.3 the check formats a log text for every
        // empty input on every record: a tenth of the stream thread at 500 orders/s end to end (BENCHMARKS.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        return props;
    }

    public synchronized TransformerService start() {
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()))) {
            new TopicInitializer(admin, config.kafka()).createMissing(Topics.all(), Duration.ofSeconds(30));
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString());
        streams = new KafkaStreams(topology(config, CanonicalSerdes.confluent(registry)), streamsProperties(config));
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        streams.start();
        log.info("transformer started ({}, {} thread(s))", config.processingGuarantee(), config.threads());
        return this;
    }

    /** Ready when the stream threads run or are rebalancing, not when they are starting, failed or stopped. */
    public boolean isRunning() {
        KafkaStreams current = streams;
        return current != null && (current.state() == KafkaStreams.State.RUNNING
                || current.state() == KafkaStreams.State.REBALANCING);
    }

    /**
     * Stops within 10 s and leaves the consumer group: Kafka Streams otherwise stays a member until its session times
     * out (45 s), and the instance started next (a restart) gets no partition, so nothing moves, until then.
     */
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
