package dev.p21bridge.app.console;

import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every {@link Flow} at a fixed interval: the services' own counters (when they share this JVM's registry)
 * and Kafka's end and committed offsets, into a {@link FlowHistory} each. Dead letters waiting are counted from the
 * dead-letter topics less the replayed ones, every few samples (reading a topic costs more than offsets). Without a
 * registry (the console run alone), rates come from Kafka offsets and failures and circuits are not known.
 */
public final class FlowMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowMonitor.class);
    private static final int DEAD_LETTERS_EVERY = 3;

    private final ConsoleConfig config;
    private final List<Flow> flows;
    private final KafkaPositions positions;
    private final MeterRegistry registry;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final Map<String, FlowHistory> histories = new LinkedHashMap<>();
    private volatile Map<String, Integer> waiting = Map.of();
    private final ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-flow-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param registry the services' meters, or null when they run in other processes */
    public FlowMonitor(ConsoleConfig config, Admin admin, MeterRegistry registry, DeadLetterStore deadLetters, Clock clock) {
        this.config = config;
        this.flows = Flow.all(config.transformerGroup());
        this.positions = new KafkaPositions(admin);
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.clock = clock;
        flows.forEach(flow -> histories.put(flow.name(), new FlowHistory(config.samples())));
    }

    public FlowMonitor start() {
        long interval = config.sampleInterval().toMillis();
        // the first samples wait an interval: at a start, the services' own start-up comes first
        sampler.scheduleWithFixedDelay(this::sample, interval, interval, TimeUnit.MILLISECONDS);
        sampler.scheduleWithFixedDelay(this::countDeadLetters, interval * DEAD_LETTERS_EVERY,
                interval * DEAD_LETTERS_EVERY, TimeUnit.MILLISECONDS);
        return this;
    }

    public List<FlowView> views() {
        List<FlowView> views = new ArrayList<>();
        for (Flow flow : flows) {
            List<FlowHistory.Sample> samples = histories.get(flow.name()).samples();
            FlowHistory.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            views.add(new FlowView(flow.name(), flow.label(), flow.service(), Math.round(FlowHistory.ratePerMinute(samples) * 10) / 10.0,
                    metered(flow) ? "metrics" : "kafka", last == null ? null : last.lag(), FlowHistory.failures(samples),
                    flow.service() == null ? null : waiting.get(flow.name()),
                    last == null ? null : last.retryDepth(), last == null ? null : last.circuit(),
                    FlowHistory.steps(samples)));
        }
        return views;
    }

    /** The names of the flows this monitor samples, which alert rules may target. */
    public Set<String> flowNames() {
        Set<String> names = new LinkedHashSet<>();
        flows.forEach(flow -> names.add(flow.name()));
        return names;
    }

    void sample() {
        try {
            sampleAll();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep sampling
            log.warn("sampling the flows failed", e);
        }
    }

    private void sampleAll() {
        KafkaPositions.Reading reading = null;
        try {
            reading = positions.read(topics(), groups());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            log.warn("could not read the flows' offsets from Kafka: {}", e.toString());
        }
        for (Flow flow : flows) {
            histories.get(flow.name()).add(sample(flow, reading));
        }
    }

    private FlowHistory.Sample sample(Flow flow, KafkaPositions.Reading reading) {
        double done;
        if (metered(flow)) {
            done = flow.done().total(registry);
        } else if (reading == null) {
            done = Double.NaN;
        } else {
            done = flow.group() == null ? reading.written(flow.topics()) : reading.consumed(flow.group(), flow.topics());
        }
        double failed = registry != null && flow.failed() != null ? flow.failed().total(registry) : Double.NaN;
        Long lag = reading == null || flow.group() == null ? null : reading.lag(flow.group(), flow.topics());
        Long retryDepth = reading == null || flow.retryTopics().isEmpty() ? null
                : reading.lag(flow.service(), flow.retryTopics());
        return new FlowHistory.Sample(clock.instant(), done, failed, lag, retryDepth, circuit(flow));
    }

    private boolean metered(Flow flow) {
        return registry != null && flow.done() != null;
    }

    private String circuit(Flow flow) {
        if (registry == null || flow.circuit() == null) {
            return null;
        }
        int state = (int) flow.circuit().highest(registry);
        // the gauges hold the state's ordinal; with several breakers (one per storefront) the worst one shows
        return state < 0 ? null : CircuitBreaker.State.values()[state].name();
    }

    private void countDeadLetters() {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (String service : Topics.SERVICES_WITH_DLQ) {
                for (DeadLetterEntry entry : deadLetters.list(service, DeadLetterFilter.ALL)) {
                    if (!entry.replayed()) {
                        for (Flow flow : flows) {
                            if (service.equals(flow.service()) && flow.topics().contains(entry.originalTopic())) {
                                counts.merge(flow.name(), 1, Integer::sum);
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not count the dead letters: {}", e.toString());
            return;
        }
        for (Flow flow : flows) {
            if (flow.service() != null) {
                counts.putIfAbsent(flow.name(), 0);
            }
        }
        waiting = Map.copyOf(counts);
    }

    private Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        flows.forEach(flow -> {
            topics.addAll(flow.topics());
            topics.addAll(flow.retryTopics());
        });
        return topics;
    }

    private Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        flows.forEach(flow -> {
            if (flow.group() != null) {
                groups.add(flow.group());
            }
        });
        return groups;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
