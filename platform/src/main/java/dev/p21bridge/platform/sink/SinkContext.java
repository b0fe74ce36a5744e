package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.retry.ParkedRecords;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.retry.RetryRouter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of a sink shares, so that none is handed a list of collaborators: the durable producer, the retry
 * router and dead letters over it, the canonical reader, the retry configuration, metrics and clock. It also keeps
 * what the runtime must look after on the sink's behalf: the parked keys of each source topic (rebuilt and dropped on
 * rebalance) and the resources to close when the sink stops.
 */
public final class SinkContext {

    private static final Logger log = LoggerFactory.getLogger(SinkContext.class);

    private final SinkSettings settings;
    private final Producer<String, byte[]> producer;
    private final RetryBacklog backlog;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final RetryRouter router;
    private final DeadLetters deadLetters;
    private final CanonicalReader reader;
    private final List<ParkedRecords> parked = new CopyOnWriteArrayList<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** @param backlog reads the retry topics back when partitions are assigned, to rebuild the parked keys */
    public SinkContext(SinkSettings settings, Producer<String, byte[]> producer, RetryBacklog backlog,
                       MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.producer = producer;
        this.backlog = backlog;
        this.metrics = metrics;
        this.clock = clock;
        this.router = new RetryRouter(producer, settings.service(), settings.retry(), clock);
        this.deadLetters = new DeadLetters(router, metrics, settings.metricPrefix());
        this.reader = new CanonicalReader(deadLetters);
    }

    public String service() {
        return settings.service();
    }

    /** The sink's metric of that name: {@code metric("retry.held")} is {@code p21.retry.held} for the p21-sink. */
    public String metric(String name) {
        return settings.metricPrefix() + "." + name;
    }

    public RetryConfig retry() {
        return settings.retry();
    }

    public Producer<String, byte[]> producer() {
        return producer;
    }

    public RetryRouter router() {
        return router;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public CanonicalReader reader() {
        return reader;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    /** The parked keys of a source topic whose order per key matters; the runtime keeps them across rebalances. */
    public ParkedRecords parked(String sourceTopic) {
        ParkedRecords records = new ParkedRecords(router, backlog, sourceTopic);
        parked.add(records);
        return records;
    }

    List<ParkedRecords> allParked() {
        return parked;
    }

    /** Registers a resource the sink opened, closed when it stops (the last registered first); returns it. */
    public synchronized <T extends AutoCloseable> T closeOnStop(T resource) {
        resources.push(resource);
        return resource;
    }

    synchronized void closeResources() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("closing a resource of the {} failed: {}", settings.service(), e.toString());
            }
        }
    }
}
