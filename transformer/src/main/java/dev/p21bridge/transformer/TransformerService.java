package dev.p21bridge.transformer;

import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.streams.BoundedRocksDbMemory;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the transformer as two Kafka Streams applications in one process: the events application (storefront and
 * P21 events to canonical records) and the inventory application (stock readings and reservations to
 * {@code canonical.inventory}). Apart, each has its own stream threads, so a burst of stock readings and
 * reservations (several records per order line) never queues in front of an order on its way to P21: in one
 * application the inventory work shared the one stream thread with the orders and set the order flow's latency
 * (docs/benchmarks.md, end to end). They meet only through topics ({@code canonical.orders},
 * {@code canonical.order-confirmations}, {@code bridge.stock-readings}), so either may lag or restart alone.
 *
 * <p>A stream thread that dies of an unexpected error (the registry unreachable while a record is serialized, say)
 * is replaced rather than left dead; under exactly-once its open transaction is aborted, so the records it was
 * working on are processed again by the new thread, never twice.
 */
public final class TransformerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransformerService.class);

    private final TransformerConfig config;
    private final MeterRegistry metrics;
    /** Read by health checks without the lock, so a check never waits for a start that is creating topics. */
    private final List<KafkaStreams> applications = new CopyOnWriteArrayList<>();
    private final List<KafkaStreamsMetrics> applicationMetrics = new ArrayList<>();

    public TransformerService(TransformerConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Both applications in one topology, for the {@code TopologyTestDriver} tests. */
    public static Topology topology(TransformerConfig config, CanonicalSerdes serdes) {
        return topology(config, serdes, TransformerTopology::build);
    }

    public static Topology eventsTopology(TransformerConfig config, CanonicalSerdes serdes) {
        return topology(config, serdes, TransformerTopology::buildEvents);
    }

    public static Topology inventoryTopology(TransformerConfig config, CanonicalSerdes serdes) {
        return topology(config.withApplicationId(config.inventoryApplicationId()), serdes,
                TransformerTopology::buildInventory);
    }

    private static Topology topology(TransformerConfig config, CanonicalSerdes serdes, TopologyBuilder build) {
        Properties properties = streamsProperties(config);
        StreamsBuilder builder = streamsBuilder(properties);
        build.build(builder, config, serdes);
        return builder.build(properties);
    }

    /**
     * A builder that knows the applications' properties from the start. Kafka Streams reads the topology-level ones
     * when the builder is created, not in {@code build(properties)}: with {@code new StreamsBuilder()} the refusal of
     * generated internal names ({@code ensure.explicit.internal.resource.naming}) was never switched on, and every
     * start logged that the processing exception handler was off for the global thread although it is on.
     */
    static StreamsBuilder streamsBuilder(Properties properties) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    }

    @FunctionalInterface
    private interface TopologyBuilder {
        void build(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes);
    }

    /**
     * With exactly-once the events application commits every 50 ms instead of Kafka's default 100 ms. An order
     * reaches {@code canonical.orders} only when its transaction commits, so the interval is most of the
     * transformer's share of the latency, and at 500 orders/s end to end the shorter one took the p99 from webhook to
     * P21 order from 312-320 ms to 175-254 ms for no more CPU per order: smaller transactions, and the p21-sink gets
     * a steady trickle instead of a batch every 100 ms. Catching up on a backlog is 8-10 % slower (docs/benchmarks.md,
     * transformer and end to end). An operator's {@code BRIDGE_KAFKA_COMMIT_INTERVAL_MS} still wins. At-least-once
     * keeps Streams' own interval: it commits only offsets, and its records are visible as soon as they are written.
     */
    static final Duration EVENTS_COMMIT_INTERVAL = Duration.ofMillis(50);

    public static Properties streamsProperties(TransformerConfig config) {
        Properties props = new Properties();
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee())) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EVENTS_COMMIT_INTERVAL.toMillis());
        }
        // gzip, as the broker stores the canonical topics, which take most of the bytes both applications write, so it
        // keeps the batches as sent; with lz4 it recompressed each one, and the whole JVM spent as much or more per
        // order than gzip in the stream threads costs (docs/benchmarks.md). A task has one producer, so changelogs,
        // repartition topics and bridge.stock-readings get gzip too. An operator's BRIDGE_KAFKA_COMPRESSION_TYPE wins
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, ClientProperties.CANONICAL_COMPRESSION);
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
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ContractDeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka 4.3's partition assignor checks the flag again in a config built from the main consumer's settings
        // alone, and logs at every start that the handler is off for the global thread unless they carry it too
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        // as large as the raw and dead-letter topics take (max.message.bytes), so a dead letter of any raw record that
        // fits DeadLetterRecords.MAX_BYTES is sent; canonical records stay far below the broker's 1 MiB (FieldLimits)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DeadLetterRecords.MAX_REQUEST_BYTES);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // A task with several inputs (both storefronts' raw topics; orders and confirmations; readings and orders per
        // item) processes what it has instead of first asking whether another input holds an older record. Nothing
        // here needs that order (dedup looks at keys, reservations at the times inside the records, and order-lines
        // keeps a confirmation that comes before its order), and in Kafka 4.3 the check formats a log text for every
        // empty input on every record: a tenth of the stream thread at 500 orders/s end to end (docs/benchmarks.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        return props;
    }

    /**
     * The inventory application commits every second instead of every 100 ms (exactly-once's default): its input
     * comes from a P21 poll every 2 s and from orders already on their way to P21, so a second more before a level
     * is visible costs little, while each commit costs a transaction over a dozen tasks, and the cached stores write
     * a hot item's stock and totals once per commit instead of once per order line.
     */
    static final Duration INVENTORY_COMMIT_INTERVAL = Duration.ofSeconds(1);

    public static Properties inventoryStreamsProperties(TransformerConfig inventory) {
        Properties props = streamsProperties(inventory);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, INVENTORY_COMMIT_INTERVAL.toMillis());
        return props;
    }

    public synchronized TransformerService start() {
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafka()))) {
            TopicInitializer topics = new TopicInitializer(admin, config.kafka());
            topics.createMissing(Topics.all(), Duration.ofSeconds(30));
            requireInventoryPartitions(topics);
        }
        CanonicalSerdes serdes = CanonicalSerdes.confluent(
                new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString()));
        TransformerConfig inventory = config.withApplicationId(config.inventoryApplicationId());
        List<KafkaStreams> both = List.of(create(eventsTopology(config, serdes), streamsProperties(config)),
                create(inventoryTopology(config, serdes), inventoryStreamsProperties(inventory)));
        applications.addAll(both);
        both.forEach(KafkaStreams::start);
        log.info("transformer started: applications {} and {} ({}, {} thread(s) each)", config.applicationId(),
                inventory.applicationId(), config.processingGuarantee(), config.threads());
        return this;
    }

    private KafkaStreams create(Topology topology, Properties properties) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread of {} failed; replacing it", properties.get(StreamsConfig.APPLICATION_ID_CONFIG),
                    exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        applicationMetrics.add(streamsMetrics);
        return streams;
    }

    /**
     * An item's stock readings and its orders must meet in one inventory task, so {@code bridge.stock-readings}
     * (which an operator may have created by hand) must have as many partitions as the repartition topic of orders.
     */
    private static void requireInventoryPartitions(TopicInitializer topics) {
        String name = Topics.STOCK_READINGS.name();
        TopicDescription topic = topics.describe(List.of(name), Duration.ofSeconds(30)).get(name);
        if (topic.partitions().size() != TransformerTopology.INVENTORY_PARTITIONS) {
            throw new IllegalStateException("topic " + name + " has " + topic.partitions().size() + " partitions; the"
                    + " inventory application needs " + TransformerTopology.INVENTORY_PARTITIONS + " (as many as its"
                    + " repartition topic of orders, so that an item's readings and orders meet in one task): delete"
                    + " the topic and let the transformer create it");
        }
    }

    /** Ready when every application's stream threads run or are rebalancing, not when starting, failed or stopped. */
    public boolean isRunning() {
        return !applications.isEmpty() && applications.stream().allMatch(streams ->
                streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING);
    }

    /**
     * Stops within 10 s per application and leaves the consumer groups: Kafka Streams otherwise stays a member until
     * its session times out (45 s), and the instance started next (a restart) gets no partition, so nothing moves,
     * until then.
     */
    @Override
    public synchronized void close() {
        for (KafkaStreams streams : applications) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        }
        applications.clear();
        applicationMetrics.forEach(KafkaStreamsMetrics::close);
        applicationMetrics.clear();
    }
}
