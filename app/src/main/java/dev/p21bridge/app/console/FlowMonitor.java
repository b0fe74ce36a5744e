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
 * dead-letter topics less the replayed ones, every few samples (reading a topic costs more than offsets). The meters
 * of services in other processes (the console run alone, and the ingress always) are scraped from the
 * {@code /metrics} that {@link ConsoleConfig#serviceMetrics()} names; a flow whose service has neither a scrape nor
 * this JVM's registry gets its rate from Kafka offsets, and its failures and circuit are not known.
 */
public final class FlowMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowMonitor.class);
    private static final int DEAD_LETTERS_EVERY = 3;

    private final ConsoleConfig config;
    private final List<Flow> flows;
    private final KafkaPositions positions;
    private final MeterRegistry registry;
    private final ScrapedMeters scraped;
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
        this.flows = Flow.all(config.transformerGroup(), config.stores());
        this.positions = new KafkaPositions(admin);
        this.registry = registry;
        this.scraped = config.serviceMetrics().isEmpty() ? null
                : new ScrapedMeters(config.serviceMetrics(), meterNames(flows), config.scrapeTimeout());
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
        if (scraped != null) {
            scraped.refresh();
        }
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
        MeterRegistry meters = meters(flow);
        double done;
        if (metered(flow)) {
            // a scraped service that does not answer: unknown, not a fall back to offsets, which would jump the rate
            done = meters == null ? Double.NaN : flow.done().total(meters);
        } else if (reading == null) {
            done = Double.NaN;
        } else {
            done = flow.group() == null ? reading.written(flow.topics()) : reading.consumed(flow.group(), flow.topics());
        }
        double failed = meters != null && flow.failed() != null ? flow.failed().total(meters) : Double.NaN;
        Long lag = reading == null || flow.group() == null ? null : reading.lag(flow.group(), flow.topics());
        Long retryDepth = reading == null || flow.retryTopics().isEmpty() ? null
                : reading.lag(flow.service(), flow.retryTopics());
        return new FlowHistory.Sample(clock.instant(), done, failed, lag, retryDepth, circuit(flow, meters));
    }

    /** Where this flow's meters are read now; null when nowhere (no registry, or its service does not answer). */
    private MeterRegistry meters(Flow flow) {
        String service = flow.meteredBy();
        if (scraped != null && scraped.covers(service)) {
            return scraped.answers(service) ? scraped.registry() : null;
        }
        // the ingress keeps a registry of its own even in one JVM with the console (WebhookIngress): only a scrape
        return Flow.INGRESS.equals(service) ? null : registry;
    }

    /** Whether this flow's work is counted by its service's meters (else by Kafka offsets). */
    private boolean metered(Flow flow) {
        return flow.done() != null && (registry != null || scraped != null && scraped.covers(flow.meteredBy()));
    }

    private static Set<String> meterNames(List<Flow> flows) {
        Set<String> names = new LinkedHashSet<>();
        for (Flow flow : flows) {
            for (MeterQuery query : new MeterQuery[] {flow.done(), flow.failed(), flow.circuit()}) {
                if (query != null) {
                    names.add(query.name());
                }
            }
        }
        return names;
    }

    private String circuit(Flow flow, MeterRegistry meters) {
        if (meters == null || flow.circuit() == null) {
            return null;
        }
        int state = (int) flow.circuit().highest(meters);
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
