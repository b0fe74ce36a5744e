package dev.p21bridge.app.trace;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The order trace of {@code ./bridge trace} without a console: the index built by one bounded scan of the topics
 * ({@link ScannedTraceIndex}), then the same read-back and look-ups as the console's.
 */
public final class ScannedTrace implements AutoCloseable {

    private final RecordFetcher fetcher;
    private final OrderStates states;
    private final OrderTracer tracer;

    private ScannedTrace(RecordFetcher fetcher, OrderStates states, OrderTracer tracer) {
        this.fetcher = fetcher;
        this.states = states;
        this.tracer = tracer;
    }

    /** Scans the topics of {@code env}'s Kafka; see {@link ScannedTraceIndex#scan} for the two listeners. */
    public static ScannedTrace scan(Environment env, Duration limit, LongConsumer total, LongConsumer progress) {
        KafkaConfig kafka = KafkaConfig.from(env);
        CanonicalRecords canonical = new CanonicalRecords(new SchemaRegistryClient(kafka.schemaRegistryUrl().toString()));
        ScannedTraceIndex index = ScannedTraceIndex.scan(kafka.clientProperties(), new TraceClassifier(canonical), limit,
                total, progress);
        RecordFetcher fetcher = new RecordFetcher(kafka.clientProperties());
        OrderStates states = OrderStates.from(env);
        return new ScannedTrace(fetcher, states, new OrderTracer(index, fetcher, canonical, states,
                List.copyOf(env.get(StoreSettings.STORES).keySet())));
    }

    public OrderTracer tracer() {
        return tracer;
    }

    @Override
    public void close() {
        fetcher.close();
        states.close();
    }
}
