package dev.p21bridge.bench;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.transformer.CanonicalSerdes;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Transformer speed target (docs/benchmarks.md): orders per second from a pre-filled raw topic through dedup, normalize
 * and Avro to {@code canonical.orders}, with exactly_once_v2 and with at_least_once, beside a pass-through Streams
 * application ({@link PassThroughTopology}) on the same input, broker and settings in the same run. Target: the
 * transformer with exactly-once at least {@value #TARGET} times the pass-through with exactly-once. A third
 * application, {@link KafkaWorkTopology}, does the transformer's Kafka work (the dedup store and its changelog, an
 * order and a customer record out) without its code, and so shows the most any speed-up of that code could reach;
 * a fourth does the same and also reads each body with Jackson's streaming parser, the least any code that maps the
 * JSON must do.
 *
 * <p>Every run has a fresh application.id and state dir, so it reads the whole input from the start; it is timed
 * from the moment the application is started (start-up and the first rebalance included) until a read_committed
 * reader has seen every expected record on the output topic. Runs alternate between the applications.
 * Before the timed runs each application runs once per guarantee on the first {@code bench.warmupOrders} orders,
 * not counted. System properties: {@code bench.orders} [300000], {@code bench.rounds} [1],
 * {@code bench.warmupOrders} [150000], {@code bench.settings} [none] (every application gets them),
 * {@code bench.inventory} [false].
 *
 * <p>The transformer is timed as its events application, the one that turns raw events into {@code canonical.orders}
 * (the target's "normalize + dedup"), with the service's own topology and Streams properties. The inventory
 * application is a separate consumer group that reads {@code canonical.orders} like any other downstream reader;
 * with {@code bench.inventory=true} the whole {@link TransformerService} runs instead, and its inventory work on the
 * orders already written competes for the same cores while the events application is timed.
 */
public final class TransformerBenchmark {

    static final double TARGET = 0.6;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(Integer.getInteger("bench.runDeadlineSeconds", 90));
    private static final boolean WITH_INVENTORY = Boolean.getBoolean("bench.inventory");
    /** {@code -Dbench.apps=TRANSFORMER,PASS_THROUGH}: only these applications (default all); the report needs all. */
    private static final Set<App> APPS = System.getProperty("bench.apps") == null ? EnumSet.allOf(App.class)
            : Arrays.stream(System.getProperty("bench.apps").split(",")).map(String::trim).map(App::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(App.class)));

    /** The application under test and the topic whose records are counted. */
    enum App {
        PASS_THROUGH(PassThroughTopology.OUTPUT), TRANSFORMER(Topics.CANONICAL_ORDERS.name()),
        /** The transformer with the Java normalizers the bundled templates replace (issue 24's yardstick). */
        TRANSFORMER_JAVA_MAPPING(Topics.CANONICAL_ORDERS.name()),
        /** The transformer without the risk scoring (BRIDGE_RISK_SCORING=off): issue 27's yardstick. */
        TRANSFORMER_NO_RISK(Topics.CANONICAL_ORDERS.name()),
        KAFKA_WORK(KafkaWorkTopology.OUTPUT), KAFKA_WORK_READING_JSON(KafkaWorkTopology.OUTPUT);

        private final String output;

        App(String output) {
            this.output = output;
        }
    }

    /**
     * One timed run; rates in records of the output topic per second; {@code records < expected} if it stalled. CPU
     * from start to the last record: the whole JVM's (broker and reader included) and the application's stream
     * threads', which on this machine tell two commits apart more steadily than the rates do.
     */
    record Run(App app, String guarantee, int expected, int records, double seconds, double steadySeconds,
               long processCpuNanos, long streamThreadCpuNanos) {
        boolean complete() {
            return records >= expected;
        }

        double rate() {
            return records / seconds;
        }

        double steadyRate() {
            return (records - 1) / steadySeconds;
        }

        double processMicrosPerRecord() {
            return processCpuNanos / 1e3 / Math.max(records, 1);
        }

        double streamThreadMicrosPerRecord() {
            return streamThreadCpuNanos / 1e3 / Math.max(records, 1);
        }
    }

    private final ScratchBroker broker;
    private final Environment environment;
    private int runs;

    private TransformerBenchmark(ScratchBroker broker, Environment environment) {
        this.broker = broker;
        this.environment = environment;
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 300_000);
        int rounds = Integer.getInteger("bench.rounds", 1);
        int warmup = Integer.getInteger("bench.warmupOrders", 150_000);
        System.out.println("machine: " + MachineReport.describe());
        System.out.println("transformer timed as " + (WITH_INVENTORY ? "both applications (TransformerService)"
                : "its events application alone (-Dbench.inventory=true runs both)"));
        try (ScratchBroker broker = ScratchBroker.start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), 0).start()) {
            Map<String, String> settings = new HashMap<>(BenchSettings.fromSystemProperty());
            settings.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), registry.url());
            Environment environment = broker.environment(settings);
            KafkaConfig kafka = KafkaConfig.from(environment);
            createTopics(kafka);
            long fillStart = System.nanoTime();
            RawOrderFill.fill(kafka, orders);
            System.out.printf("filled raw.xcart + raw.clarity with %d order.created webhooks in %.1fs%n", orders,
                    (System.nanoTime() - fillStart) / 1e9);

            TransformerBenchmark bench = new TransformerBenchmark(broker, environment);
            // on a starved 2-core machine C2 needs tens of seconds for the transformer's code paths; a run that
            // overlaps with that compilation measures the JIT, not the transformer. After 20,000 orders per warm-up
            // run the compiler threads still took a third of the machine during the timed transformer run, and
            // both applications ran 1.5-2 x slower than after 150,000 with 300,000 timed (docs/benchmarks.md,
            // transformer)
            System.out.println("warm-up (not counted)");
            for (String guarantee : List.of("at_least_once", "exactly_once_v2")) {
                for (App app : App.values()) {
                    if (APPS.contains(app)) {
                        print(bench.run(app, guarantee, Math.min(warmup, orders)));
                    }
                }
            }

            List<Run> results = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                // alternate who goes first within each guarantee
                List<App> order = i % 2 == 0
                        ? List.of(App.PASS_THROUGH, App.TRANSFORMER, App.TRANSFORMER_NO_RISK,
                                App.TRANSFORMER_JAVA_MAPPING, App.KAFKA_WORK, App.KAFKA_WORK_READING_JSON)
                        : List.of(App.KAFKA_WORK_READING_JSON, App.KAFKA_WORK, App.TRANSFORMER_JAVA_MAPPING,
                                App.TRANSFORMER_NO_RISK, App.TRANSFORMER, App.PASS_THROUGH);
                for (String guarantee : List.of("exactly_once_v2", "at_least_once")) {
                    for (App app : order) {
                        if (APPS.contains(app)) {
                            results.add(print(bench.run(app, guarantee, orders)));
                        }
                    }
                }
            }
            System.out.println();
            System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
            if (APPS.size() == App.values().length) {
                report(results, orders);
            }
        }
        // a Streams thread that failed to close in time (see docs/benchmarks.md) is not a daemon and would keep the JVM
        System.exit(0);
    }

    private Run run(App app, String guarantee, int expected) throws IOException {
        emptyOutputs();
        Path stateDir = Files.createTempDirectory("p21-bench-streams-");
        Map<String, String> variables = new HashMap<>(environment.variables());
        String applicationId = "bench-" + app.name().toLowerCase() + "-" + (++runs);
        variables.put("BRIDGE_TRANSFORMER_APPLICATION_ID", applicationId);
        variables.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString());
        variables.put("BRIDGE_TRANSFORMER_PROCESSING_GUARANTEE", guarantee);
        variables.put("BRIDGE_TRANSFORMER_ORDER_MAPPING", app == App.TRANSFORMER_JAVA_MAPPING ? "java" : "templates");
        variables.put("BRIDGE_RISK_SCORING", app == App.TRANSFORMER_NO_RISK ? "off" : "on");
        TransformerConfig config = TransformerConfig.from(new Environment(variables));
        try (OutputCounter counter = OutputCounter.fromEndOf(broker.bootstrapServers(), app.output)) {
            ThreadCpu.Snapshot cpuBefore = ThreadCpu.take();
            long start = System.nanoTime();
            AutoCloseable running = app == App.PASS_THROUGH ? closeable(PassThroughTopology.start(config))
                    : app == App.KAFKA_WORK ? closeable(KafkaWorkTopology.start(config, false))
                    : app == App.KAFKA_WORK_READING_JSON ? closeable(KafkaWorkTopology.start(config, true))
                    : WITH_INVENTORY ? new TransformerService(config, new SimpleMeterRegistry()).start()
                    : closeable(startEvents(config));
            try {
                OutputCounter.Seen seen = counter.await(expected, RUN_DEADLINE);
                ThreadCpu.Snapshot cpuAfter = ThreadCpu.take(); // before close: the stream threads end with it
                long processCpu = ThreadCpu.processNanos(cpuBefore, cpuAfter);
                long streamThreadCpu = ThreadCpu.threadNanos(cpuBefore, cpuAfter, applicationId + "-");
                if (Boolean.getBoolean("bench.threads")) {
                    System.out.println("    " + app + " " + guarantee + ": "
                            + ThreadCpu.describe(cpuBefore, cpuAfter, Math.max(seen.count(), 1)));
                }
                if (seen.count() == 0) {
                    return new Run(app, guarantee, expected, 0, RUN_DEADLINE.toSeconds(), Double.NaN, processCpu,
                            streamThreadCpu);
                }
                return new Run(app, guarantee, expected, seen.count(), (seen.lastNanos() - start) / 1e9,
                        (seen.lastNanos() - seen.firstNanos()) / 1e9, processCpu, streamThreadCpu);
            } finally {
                closeQuietly(running);
                ScratchBroker.deleteTree(stateDir);
            }
        }
    }

    /**
     * Empties what earlier runs wrote, so every run starts from the same state: the transformer also reads
     * {@code canonical.orders} (for the reservations) from the beginning under a fresh application.id, and would
     * otherwise redo the reservations of every earlier run's orders.
     */
    private void emptyOutputs() {
        // the compacted outputs (customers, inventory) refuse deleteRecords, and the transformer does not read them
        List<String> outputs = List.of(Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
                PassThroughTopology.OUTPUT, KafkaWorkTopology.OUTPUT, KafkaWorkTopology.CUSTOMER_OUTPUT);
        try {
            deleteAllRecords(broker.bootstrapServers(), outputs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying the outputs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot empty the outputs of earlier runs", e);
        }
    }

    /** Deletes every record of {@code topics} (not compacted ones: they refuse deleteRecords). */
    static void deleteAllRecords(String bootstrap, List<String> topics)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                    description.partitions().forEach(p ->
                            latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) ->
                    deletions.put(partition, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(deletions).all().get();
        }
    }

    private static void report(List<Run> results, int orders) {
        System.out.printf("| application (%d orders) | guarantee | orders/s from start | orders/s steady | CPU per order: JVM / application threads | vs pass-through (from start) | target | met |%n",
                orders);
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String guarantee : List.of("exactly_once_v2", "at_least_once")) {
            double passThrough = mean(results, App.PASS_THROUGH, guarantee);
            double transformer = mean(results, App.TRANSFORMER, guarantee);
            double ratio = transformer / passThrough;
            boolean judged = guarantee.equals("exactly_once_v2");
            boolean stalled = results.stream().anyMatch(r -> r.guarantee().equals(guarantee) && !r.complete());
            System.out.printf("| pass-through | %s | %.0f | %.0f | %s | 1.00 x | | |%n", guarantee, passThrough,
                    meanSteady(results, App.PASS_THROUGH, guarantee), cpu(results, App.PASS_THROUGH, guarantee));
            System.out.printf("| transformer | %s | %.0f | %.0f | %s | %.2f x | %s | %s |%n", guarantee, transformer,
                    meanSteady(results, App.TRANSFORMER, guarantee), cpu(results, App.TRANSFORMER, guarantee), ratio,
                    judged ? ">= " + TARGET + " x" : "-", judged ? (ratio >= TARGET && !stalled ? "yes" : "NO") : "-");
            double java = mean(results, App.TRANSFORMER_JAVA_MAPPING, guarantee);
            System.out.printf("| transformer, Java normalizers instead of the templates | %s | %.0f | %.0f | %s | %.2f x | | |%n",
                    guarantee, java, meanSteady(results, App.TRANSFORMER_JAVA_MAPPING, guarantee),
                    cpu(results, App.TRANSFORMER_JAVA_MAPPING, guarantee), java / passThrough);
            System.out.printf("| templates against Java normalizers: CPU per order (JVM) | %s | | | %.2f x | | <= 2 x | %s |%n",
                    guarantee, cpuPerOrder(results, App.TRANSFORMER, guarantee)
                            / cpuPerOrder(results, App.TRANSFORMER_JAVA_MAPPING, guarantee),
                    cpuPerOrder(results, App.TRANSFORMER, guarantee)
                            <= 2 * cpuPerOrder(results, App.TRANSFORMER_JAVA_MAPPING, guarantee) ? "yes" : "NO");
            System.out.printf("| transformer without risk scoring | %s | %.0f | %.0f | %s | %.2f x | | |%n",
                    guarantee, mean(results, App.TRANSFORMER_NO_RISK, guarantee),
                    meanSteady(results, App.TRANSFORMER_NO_RISK, guarantee),
                    cpu(results, App.TRANSFORMER_NO_RISK, guarantee),
                    mean(results, App.TRANSFORMER_NO_RISK, guarantee) / passThrough);
            double riskShare = cpuPerOrder(results, App.TRANSFORMER, guarantee)
                    / cpuPerOrder(results, App.TRANSFORMER_NO_RISK, guarantee) - 1;
            System.out.printf("| risk scoring: extra CPU per order (JVM), with against without | %s | | | +%.0f %% | | <= +20 %% | %s |%n",
                    guarantee, riskShare * 100, riskShare <= 0.2 ? "yes" : "NO");
            double kafkaWork = mean(results, App.KAFKA_WORK, guarantee);
            System.out.printf("| its Kafka work alone (ceiling, %s) | %s | %.0f | %.0f | %s | %.2f x | | |%n",
                    KafkaWorkTopology.class.getSimpleName(), guarantee, kafkaWork,
                    meanSteady(results, App.KAFKA_WORK, guarantee), cpu(results, App.KAFKA_WORK, guarantee),
                    kafkaWork / passThrough);
            double readingJson = mean(results, App.KAFKA_WORK_READING_JSON, guarantee);
            System.out.printf("| its Kafka work + reading the JSON body (ceiling of any JSON mapping) | %s | %.0f | %.0f | %s | %.2f x | | |%n",
                    guarantee, readingJson, meanSteady(results, App.KAFKA_WORK_READING_JSON, guarantee),
                    cpu(results, App.KAFKA_WORK_READING_JSON, guarantee), readingJson / passThrough);
            if (stalled) {
                System.out.printf("| (%s: a run stalled before its last record; its rate counts only what arrived) | | | | | | | |%n",
                        guarantee);
            }
        }
    }

    /** The whole JVM's CPU per record over the matching runs, in nanoseconds. */
    private static double cpuPerOrder(List<Run> results, App app, String guarantee) {
        List<Run> runs = runsOf(results, app, guarantee);
        return runs.stream().mapToLong(Run::processCpuNanos).sum()
                / (double) Math.max(1, runs.stream().mapToLong(Run::records).sum());
    }

    private static List<Run> runsOf(List<Run> results, App app, String guarantee) {
        return results.stream().filter(r -> r.app() == app && r.guarantee().equals(guarantee)).toList();
    }

    /** Total records over total time of the matching runs. */
    private static double mean(List<Run> results, App app, String guarantee) {
        List<Run> runs = runsOf(results, app, guarantee);
        return runs.stream().mapToInt(Run::records).sum() / runs.stream().mapToDouble(Run::seconds).sum();
    }

    /** "41 / 33 us": CPU over all records of the matching runs. */
    private static String cpu(List<Run> results, App app, String guarantee) {
        List<Run> runs = runsOf(results, app, guarantee);
        long records = Math.max(1, runs.stream().mapToLong(Run::records).sum());
        return String.format("%.0f / %.0f us", runs.stream().mapToLong(Run::processCpuNanos).sum() / 1e3 / records,
                runs.stream().mapToLong(Run::streamThreadCpuNanos).sum() / 1e3 / records);
    }

    private static double meanSteady(List<Run> results, App app, String guarantee) {
        List<Run> runs = runsOf(results, app, guarantee);
        return runs.stream().mapToInt(r -> r.records() - 1).sum() / runs.stream().mapToDouble(Run::steadySeconds).sum();
    }

    /**
     * Creates the catalog and the pass-through's output, and returns once the broker serves every partition the
     * benchmark writes: producing in the first moments after creation got NOT_LEADER_OR_FOLLOWER, and the
     * idempotent producer's retries then looped on OutOfOrderSequenceException (Kafka 4.3.1, single node).
     */
    static void createTopics(KafkaConfig kafka) throws InterruptedException {
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, kafka).createMissing(Topics.all(), Duration.ofSeconds(30));
            admin.createTopics(List.of(new NewTopic(PassThroughTopology.OUTPUT, Optional.of(6), Optional.empty()),
                    new NewTopic(KafkaWorkTopology.OUTPUT, Optional.of(6), Optional.empty()),
                    new NewTopic(KafkaWorkTopology.CUSTOMER_OUTPUT, Optional.of(6), Optional.empty()))).all().get();
            PartitionReadiness.await(admin, List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
                    Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_CUSTOMERS.name(), PassThroughTopology.OUTPUT,
                    KafkaWorkTopology.OUTPUT, KafkaWorkTopology.CUSTOMER_OUTPUT),
                    Duration.ofSeconds(30));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot create the benchmark's topics", e);
        }
    }

    private static Run print(Run run) {
        System.out.printf("  %-12s %-16s %6d of %d records in %5.1fs = %6.0f/s (first after %4.1fs, steady %6.0f/s)%s"
                        + "  CPU per record: JVM %.0f us, application threads %.0f us  loadavg=%s%n",
                run.app(), run.guarantee(), run.records(), run.expected(), run.seconds(), run.rate(),
                run.seconds() - run.steadySeconds(), run.steadyRate(), run.complete() ? "" : " STALLED",
                run.processMicrosPerRecord(), run.streamThreadMicrosPerRecord(), MachineReport.loadAverage());
        return run;
    }

    /** The transformer's events application as {@link TransformerService} starts it; the topics exist already. */
    static KafkaStreams startEvents(TransformerConfig config) {
        CanonicalSerdes serdes = CanonicalSerdes.confluent(
                new SchemaRegistryClient(config.kafka().schemaRegistryUrl().toString()));
        KafkaStreams streams = new KafkaStreams(TransformerService.eventsTopology(config, serdes),
                TransformerService.streamsProperties(config));
        streams.start();
        return streams;
    }

    private static AutoCloseable closeable(KafkaStreams streams) {
        return () -> streams.close(Duration.ofSeconds(10));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("close failed: " + e);
        }
    }
}
