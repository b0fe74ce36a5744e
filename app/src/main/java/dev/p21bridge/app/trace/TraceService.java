package dev.p21bridge.app.trace;

import dev.p21bridge.app.resync.OrderResync;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.List;

/**
 * The console's order trace: the index it keeps from the topics ({@link TraceIndexService}), the reader that fetches
 * the records back, the P21 and storefront look-ups, and the re-sync of an order found in the index, started and
 * closed together.
 */
public final class TraceService implements AutoCloseable {

    private final TraceIndexService index;
    private final RecordFetcher fetcher;
    private final OrderStates states;
    private final OrderTracer tracer;
    private final OrderResync resync;

    private TraceService(TraceIndexService index, RecordFetcher fetcher, OrderStates states, CanonicalRecords canonical,
                         KafkaConfig kafka, List<String> stores) {
        this.index = index;
        this.fetcher = fetcher;
        this.states = states;
        this.tracer = new OrderTracer(index, fetcher, canonical, states, stores);
        this.resync = OrderResync.indexed(kafka, tracer::latestCanonicalOrder);
    }

    /**
     * Starts the index on the settings of {@code env} ({@link TraceConfig}, Kafka and the registry, P21 and the
     * storefronts), its store under {@code stateDir} when given. The traced topics must exist.
     */
    public static TraceService start(Environment env, Path stateDir) {
        TraceConfig config = TraceConfig.from(env);
        if (stateDir != null) {
            config = config.withStateDir(stateDir);
        }
        KafkaConfig kafka = config.kafka();
        CanonicalRecords canonical = new CanonicalRecords(new SchemaRegistryClient(kafka.schemaRegistryUrl().toString()));
        return new TraceService(new TraceIndexService(config, canonical).start(),
                new RecordFetcher(kafka.clientProperties()), OrderStates.from(env), canonical, kafka,
                List.copyOf(env.get(StoreSettings.STORES).keySet()));
    }

    public OrderTracer tracer() {
        return tracer;
    }

    /** Re-syncs orders found by offset in this index ({@code POST /api/orders/{key}/resync}, the trace page). */
    public OrderResync resync() {
        return resync;
    }

    public boolean isRunning() {
        return index.isRunning();
    }

    @Override
    public void close() {
        resync.close();
        index.close();
        fetcher.close();
        states.close();
    }
}
