package dev.p21bridge.bench;

import dev.p21bridge.ingress.RawEventWriter;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.transformer.TransformerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the risk scoring costs per order in steady state (issue 27): the transformer's events application with
 * scoring on and off, in the same run, fed new orders at a fixed rate below what either can do, instead of
 * {@link TransformerBenchmark}'s pre-filled backlog. A backlog run times start-up and catch-up too: the scored
 * application first pushes most of the backlog through its repartition topic and only then scores, so its first
 * order leaves seconds after the other's, which says nothing of an order's latency at work.
 *
 * <p>Each run starts the application on empty raw topics, feeds {@code bench.warmSeconds} [15] of orders (not
 * counted: start-up, the first rebalance, the JIT; longer until the application keeps up), then {@code bench.measureSeconds} [30] more, and reports for
 * those: the CPU per order of the whole JVM (broker, feeder and reader included, alike for both) and of the
 * application's threads, and each order's latency from its raw record's timestamp (set when the feeder sends it,
 * and kept by the transformer on its output) to the moment a {@code read_committed} reader has it on
 * {@code canonical.orders}. Before the timed runs each application runs once, not counted. System properties:
 * {@code bench.rate} [1000] orders/s, {@code bench.guarantees} [exactly_once_v2,at_least_once], {@code bench.settings}.
 */
public final class RiskCostBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final Duration WARM = Duration.ofSeconds(Integer.getInteger("bench.warmSeconds", 15));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.measureSeconds", 30));
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    /** Orders of the measured burst at capacity; 0 measures at {@link #RATE} instead. */
    private static final int BURST = Integer.getInteger("bench.burst", 0);
    /** How many times each pair (scoring on and off, in alternating order) is measured; medians are reported. */
    private static final int REPEATS = Integer.getInteger("bench.repeats", 1);
    private static final List<String> GUARANTEES = List.of(
            System.getProperty("bench.guarantees", "exactly_once_v2,at_least_once").split(","));

    /** One measured phase: CPU over it, and the latencies of the orders fed in it. */
    record Run(boolean scoring, String guarantee, double keptUpAfterSeconds, int fed, int arrived,
               long processCpuNanos, long appThreadCpuNanos, Latencies.Summary latency) {

        double processMicrosPerOrder() {
            return processCpuNanos / 1e3 / Math.max(fed, 1);
        }

        double appMicrosPerOrder() {
            return appThreadCpuNanos / 1e3 / Math.max(fed, 1);
        }

        @Override
        public String toString() {
            return String.format("%-10s %-16s kept up %4.1fs after start; fed %6d, arrived %6d; CPU per order: JVM %4.0f us, application threads"
                            + " %4.0f us; raw -> canonical.orders %s  loadavg=%s", scoring ? "scoring" : "no scoring",
                    guarantee, keptUpAfterSeconds, fed, arrived, processMicrosPerOrder(), appMicrosPerOrder(), latency,
                    MachineReport.loadAverage());
        }
    }

    private final ScratchBroker broker;
    private final Environment environment;
    private final Producer<String, byte[]> feeder;
    private final OrderBodies.Template xcart = OrderBodies.xcart(0);
    private final OrderBodies.Template clarity = OrderBodies.clarity();
    private long nextOrder;
    private int runs;

    private RiskCostBenchmark(ScratchBroker broker, Environment environment) {
        this.broker = broker;
        this.environment = environment;
        this.feeder = new KafkaProducer<>(ClientProperties.durableProducer(KafkaConfig.from(environment),
                "bench-risk-feeder"));
    }

    public static void main(String[] args) throws Exception {
        System.out.println("machine: " + MachineReport.describe());
        System.out.printf("rate %d orders/s, warm %ds, measured %ds%n", RATE, WARM.toSeconds(), MEASURE.toSeconds());
        try (ScratchBroker broker = ScratchBroker.start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), 0).start()) {
            Map<String, String> settings = new HashMap<>(BenchSettings.fromSystemProperty());
            settings.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), registry.url());
            Environment environment = broker.environment(settings);
            TransformerBenchmark.createTopics(KafkaConfig.from(environment));
            RiskCostBenchmark bench = new RiskCostBenchmark(broker, environment);
            System.out.println("warm-up (not counted)");
            for (boolean scoring : List.of(true, false)) {
                System.out.println("  " + bench.run(scoring, GUARANTEES.get(0), Duration.ofSeconds(5), WARM));
            }
            List<Run> results = new ArrayList<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                for (String guarantee : GUARANTEES) {
                    for (boolean scoring : results.size() % 4 == 0 ? List.of(true, false) : List.of(false, true)) {
                        Run run = bench.run(scoring, guarantee, WARM, MEASURE);
                        System.out.println("  " + run);
                        results.add(run);
                    }
                }
            }
            report(results);
            bench.feeder.close();
        }
        // a Streams thread that failed to close in time is not a daemon and would keep the JVM
        System.exit(0);
    }

    private Run run(boolean scoring, String guarantee, Duration warm, Duration measure) throws Exception {
        emptyTopics();
        Path stateDir = Files.createTempDirectory("p21-bench-risk-");
        Map<String, String> variables = new HashMap<>(environment.variables());
        String applicationId = "bench-risk-" + (scoring ? "on" : "off") + "-" + (++runs);
        variables.put("BRIDGE_TRANSFORMER_APPLICATION_ID", applicationId);
        variables.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString());
        variables.put("BRIDGE_TRANSFORMER_PROCESSING_GUARANTEE", guarantee);
        variables.put("BRIDGE_RISK_SCORING", scoring ? "on" : "off");
        TransformerConfig config = TransformerConfig.from(new Environment(variables));
        long started = System.nanoTime();
        KafkaStreams streams = TransformerBenchmark.startEvents(config);
        try (OrderLatencyReader reader = new OrderLatencyReader(broker.bootstrapServers(),
                (int) Math.max(BURST + 1_000, 2L * RATE * MEASURE.toSeconds()))) {
            Thread reading = new Thread(reader, "bench-risk-reader");
            reading.start();
            feed(warm);
            // a cold start with scoring first pushes what queued meanwhile through its repartition topic: measure only
            // once the application keeps up (the latest order out was sent less than a second before)
            long giveUp = System.nanoTime() + CATCH_UP.toNanos();
            while (reader.latestLatencyMillis() > 1_000 && System.nanoTime() < giveUp) {
                feed(Duration.ofSeconds(1));
            }
            ThreadCpu.Snapshot before = ThreadCpu.take();
            long from = System.currentTimeMillis();
            reader.countFrom(from);
            int fed;
            ThreadCpu.Snapshot after;
            if (BURST > 0) {
                // at capacity, with the application started and warm: a burst sent at once, timed until its last
                // order is out
                fed = burst(BURST);
                reader.countUntil(System.currentTimeMillis());
                long deadline = System.nanoTime() + CATCH_UP.toNanos();
                while (reader.arrived() < fed && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                after = ThreadCpu.take();
            } else {
                fed = feed(measure);
                after = ThreadCpu.take();
                reader.countUntil(System.currentTimeMillis());
            }
            reader.awaitQuiet(Duration.ofSeconds(10));
            reader.stop();
            reading.join();
            double keptUp = reader.keptUpAt() == 0 ? Double.NaN : (reader.keptUpAt() - started) / 1e9;
            return new Run(scoring, guarantee, keptUp, fed, reader.arrived(), ThreadCpu.processNanos(before, after),
                    ThreadCpu.threadNanos(before, after, applicationId + "-"), reader.latencies());
        } finally {
            streams.close(Duration.ofSeconds(10));
            ScratchBroker.deleteTree(stateDir);
        }
    }

    /** Sends {@code count} orders as fast as the feeder can, alternating the two storefronts; answers how many. */
    private int burst(int count) {
        for (int i = 0; i < count; i++) {
            send(nextOrder++);
        }
        feeder.flush();
        return count;
    }

    /** Sends orders at {@link #RATE} for {@code duration}, alternating the two storefronts; answers how many. */
    private int feed(Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
            while (sent < due) {
                send(nextOrder++);
                sent++;
            }
            Thread.sleep(2);
        }
        feeder.flush();
        return sent;
    }

    private void send(long i) {
        feeder.send(RawOrderFill.newOrder(feeder, i, xcart, clarity));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every run starts on empty raw topics (a fresh application reads them from the start) and outputs. */
    private void emptyTopics() throws Exception {
        List<String> topics = List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
                Topics.CANONICAL_ORDERS.name());
        TransformerBenchmark.deleteAllRecords(broker.bootstrapServers(), topics);
    }

    /** Per guarantee, the medians over the repeats of each side, and the ratio of the medians. */
    private static void report(List<Run> results) {
        System.out.println();
        System.out.printf("| guarantee (%s, %d pairs) | CPU per order, JVM: without / with scoring | application threads"
                + " | raw -> canonical.orders p50 / p99 without | with | added p50 / p99 | kept up after start |%n",
                BURST > 0 ? "bursts of " + BURST + " orders" : RATE + " orders/s", REPEATS);
        System.out.println("|---|---|---|---|---|---|---|");
        for (String guarantee : GUARANTEES) {
            List<Run> off = results.stream().filter(r -> !r.scoring() && r.guarantee().equals(guarantee)).toList();
            List<Run> on = results.stream().filter(r -> r.scoring() && r.guarantee().equals(guarantee)).toList();
            double offJvm = median(off, Run::processMicrosPerOrder);
            double onJvm = median(on, Run::processMicrosPerOrder);
            double offApp = median(off, Run::appMicrosPerOrder);
            double onApp = median(on, Run::appMicrosPerOrder);
            double offP50 = median(off, r -> r.latency().p50Millis());
            double onP50 = median(on, r -> r.latency().p50Millis());
            double offP99 = median(off, r -> r.latency().p99Millis());
            double onP99 = median(on, r -> r.latency().p99Millis());
            System.out.printf("| %s | %.0f / %.0f us (%+.0f %%) | %.0f / %.0f us (%+.0f %%) | %.0f / %.0f ms | %.0f / %.0f ms"
                            + " | %+.0f / %+.0f ms | %.1f / %.1f s |%n", guarantee,
                    offJvm, onJvm, 100 * (onJvm / offJvm - 1), offApp, onApp, 100 * (onApp / offApp - 1),
                    offP50, offP99, onP50, onP99, onP50 - offP50, onP99 - offP99,
                    median(off, Run::keptUpAfterSeconds), median(on, Run::keptUpAfterSeconds));
            if (on.size() > 1) {
                System.out.printf("|   each pair, JVM / application threads | %s |%n", java.util.stream.IntStream
                        .range(0, Math.min(on.size(), off.size()))
                        .mapToObj(i -> String.format("%+.0f / %+.0f %%",
                                100 * (on.get(i).processMicrosPerOrder() / off.get(i).processMicrosPerOrder() - 1),
                                100 * (on.get(i).appMicrosPerOrder() / off.get(i).appMicrosPerOrder() - 1)))
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
