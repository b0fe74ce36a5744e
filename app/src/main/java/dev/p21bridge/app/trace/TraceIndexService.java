package dev.p21bridge.app.trace;

import dev.p21bridge.platform.streams.BoundedRocksDbMemory;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs the trace index ({@link TraceIndexTopology}) as the console's own Kafka Streams application, at least once
 * (a record indexed twice is stored once), reading only committed records. One instance holds the whole index: a
 * second console needs its own {@code BRIDGE_TRACE_APPLICATION_ID}, or it would hold half and answer half.
 */
public final class TraceIndexService implements TraceIndex, AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final TraceConfig config;
    private final KafkaStreams streams;

    public TraceIndexService(TraceConfig config, CanonicalRecords canonical) {
        this.config = config;
        this.streams = new KafkaStreams(topology(new TraceClassifier(canonical), config.retention()), properties(config));
    }

    static Topology topology(TraceClassifier classifier, Duration retention) {
        StreamsBuilder builder = new StreamsBuilder();
        TraceIndexTopology.build(builder, classifier, retention);
        return builder.build();
    }

    static Properties properties(TraceConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafka().clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // a search soon after a record lands finds it; the index writes little, so frequent commits cost little
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // the transformer writes canonical records in transactions: an aborted one is no part of any order's path
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // six store instances (one per partition of the index): in the transformer's shared RocksDB budget, not 100
        // MiB of native memory each
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        return props;
    }

    public TraceIndexService start() {
        streams.start();
        return this;
    }

    /** Whether the index is up (also while it restores its store). */
    public boolean isRunning() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public Optional<IndexValue> get(String key) {
        ReadOnlyKeyValueStore<String, String> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(TraceIndexTopology.STORE,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("the trace index is not ready yet (" + streams.state()
                    + "); try again in a few seconds");
        }
        return Optional.ofNullable(store.get(key)).map(IndexValue::fromJson);
    }

    /** The application id, for docs and logs: its changelog is {@code <id>-trace-index-changelog}. */
    public String applicationId() {
        return config.applicationId();
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }

    /** The topics the index reads, which must exist before it starts. */
    public static java.util.List<String> topics() {
        return TraceClassifier.tracedTopics();
    }
}
