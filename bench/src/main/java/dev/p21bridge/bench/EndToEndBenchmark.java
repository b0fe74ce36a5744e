package dev.p21bridge.bench;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.sandbox.BridgeSystem;
import dev.p21bridge.sandbox.SystemOptions;
import dev.p21bridge.simulators.p21.P21Order;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * End to end and memory targets (docs/benchmarks.md): the whole system of {@code ./bridge up} ({@link BridgeSystem}:
 * broker, registry, simulators, ingress, transformer, p21-sink) in this JVM on random ports, fed signed X-Cart
 * {@code order.created} webhooks at a fixed {@code bench.rate} per second (open loop) with unique order ids.
 *
 * <p>For each order the latency runs from the moment its webhook was scheduled to be sent to the moment the P21
 * simulator created the sales order ({@link P21Order#dateCreated()}, millisecond resolution, read from the same
 * clock). The JVM's resident memory is sampled every 250 ms throughout. Targets: p50 / p99 reported (no bound in
 * the issue), resident memory under 1 GiB. System properties: {@code bench.rate} [500], {@code bench.seconds} [30],
 * {@code bench.warmupSeconds} [60], {@code bench.warmupRate} [the rate], {@code bench.drainSeconds} [60],
 * {@code bench.settings} [none].
 *
 * <p>The warm-up is long because the whole system (broker, Streams, Jetty, simulators) is a lot of code for C2 on
 * two cores: with 10 s, the JIT compiler threads still took about a quarter of the machine through the measured
 * window, and at 150 orders/s the median was 3 s against 0.12 s after 60 s. Even after 180 s at 300 orders/s the
 * JIT still compiled about a hundred methods every ten seconds, about a quarter of the machine (docs/benchmarks.md,
 * end to end). A warm-up rate below the measured one lets a long warm-up run without a backlog the machine cannot
 * drain before the measured window.
 */
public final class EndToEndBenchmark {

    static final double RSS_TARGET_MIB = 1024;
    private static final String XCART_DEV_SECRET = "xcart-dev-secret";

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        int rate = Integer.getInteger("bench.rate", 500);
        Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 60));
        int warmupRate = Integer.getInteger("bench.warmupRate", rate);
        Duration drain = Duration.ofSeconds(Integer.getInteger("bench.drainSeconds", 60));
        System.out.println("machine: " + MachineReport.describe());

        Path dataDir = Files.createTempDirectory("p21-bench-e2e-");
        long startedAt = System.nanoTime();
        try (ResidentMemory memory = ResidentMemory.sampleEvery(250);
             BridgeSystem system = new BridgeSystem(SystemOptions.randomPorts(dataDir)
                .withSimulatorOrdersKept(SimulatedP21Orders.KEEP_EVERY_ORDER),
                     BenchSettings.fromSystemProperty()).start()) {
            System.out.printf("system started in %.1fs, resident %.0f MiB%n", (System.nanoTime() - startedAt) / 1e9,
                    ResidentMemory.currentKib() / 1024.0);
            URI webhooks = URI.create("http://localhost:" + system.ingress().port() + "/webhooks/xcart");
            SignedWebhooks orders = new SignedWebhooks(OrderBodies.xcart(0), XCART_DEV_SECRET,
                    OrderBodies.FIRST_ORDER_ID);
            WebhookLoad load = new WebhookLoad(orders, 5_000);

            long warmupFirst = orders.nextOrderId();
            WebhookLoad.FixedRate warm = load.fixedRate("warm-up", webhooks, warmupRate, warmup);
            System.out.printf("warm-up (not counted): %d webhooks at %d/s, ingress %s failed=%d%n", warm.sent(),
                    warmupRate, warm.latency(), warm.failed());
            SimulatedP21Orders.await(system, warmupFirst, (int) warm.sent(), drain);

            long wallMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            long first = orders.nextOrderId();
            TopicArrivals canonical = TopicArrivals.fromEndOf(system.kafkaBootstrap(), Topics.CANONICAL_ORDERS.name());
            Map<String, Long> callsBefore = P21CallCounts.by(system, "call");
            ThreadCpu.Snapshot cpuBefore = ThreadCpu.take();
            WebhookLoad.FixedRate run = load.fixedRate("ingress", webhooks, rate, measured);
            System.out.printf("measured: %d webhooks at %d/s, ingress (HTTP 202) %s failed=%d max send lag %.1fms%n",
                    run.sent(), rate, run.latency(), run.failed(), run.sendLagMaxMillis());
            System.out.println("backlog when the load stopped (offsets behind the end, per consumer group and topic):");
            System.out.print(BacklogReport.describe(system.kafkaBootstrap()));
            Map<String, P21Order> created = SimulatedP21Orders.await(system, first, (int) run.sent(), drain);
            Map<String, Long> callsAfter = P21CallCounts.by(system, "call");
            ThreadCpu.Snapshot cpuAfter = ThreadCpu.take();

            canonical.close();
            Latencies endToEnd = new Latencies((int) run.sent());
            Latencies toCanonical = new Latencies((int) run.sent());
            Latencies canonicalToP21 = new Latencies((int) run.sent());
            int missing = 0;
            for (int i = 0; i < run.sent(); i++) {
                P21Order order = created.get(SimulatedP21Orders.webReference(first + i));
                if (order == null) {
                    missing++;
                    continue;
                }
                long scheduledWallNanos = run.scheduledNanos(i) + wallMinusNano;
                long createdWallNanos = order.dateCreated().toEpochMilli() * 1_000_000L;
                endToEnd.record(createdWallNanos - scheduledWallNanos);
                Long seen = canonical.firstSeen(SimulatedP21Orders.webReference(first + i));
                if (seen != null) {
                    toCanonical.record(seen - run.scheduledNanos(i));
                    canonicalToP21.record(createdWallNanos - (seen + wallMinusNano));
                }
            }
            Latencies.Summary summary = endToEnd.summary();
            long duplicates = SimulatedP21Orders.doubled(system.p21().orders());
            System.out.println();
            System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
            System.out.println("| measure | result | target | met |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| webhook -> P21 sales order at %d/s for %ds: p50 / p99 / max | %.0f / %.0f / %.0f ms (%d orders, %d missing, %d duplicates) | p50 / p99 reported | %s |%n",
                    rate, measured.toSeconds(), summary.p50Millis(), summary.p99Millis(), summary.maxMillis(),
                    summary.count(), missing, duplicates, verdict(missing, duplicates, drain));
            Latencies.Summary upstream = toCanonical.summary();
            Latencies.Summary downstream = canonicalToP21.summary();
            System.out.printf("| of which webhook -> canonical.orders (ingress, transformer): p50 / p99 / max | %.0f / %.0f / %.0f ms | - | - |%n",
                    upstream.p50Millis(), upstream.p99Millis(), upstream.maxMillis());
            System.out.printf("| of which canonical.orders -> P21 sales order (p21-sink, P21): p50 / p99 / max | %.0f / %.0f / %.0f ms | - | - |%n",
                    downstream.p50Millis(), downstream.p99Millis(), downstream.maxMillis());
            System.out.printf("| ingress answer (202) at %d/s: p50 / p99 / max | %.1f / %.1f / %.1f ms | - | - |%n", rate,
                    run.latency().p50Millis(), run.latency().p99Millis(), run.latency().maxMillis());
            System.out.printf("| resident memory (VmRSS) of the JVM, max over the run | %.0f MiB | < %.0f MiB | %s |%n",
                    memory.maxMib(), RSS_TARGET_MIB, memory.maxMib() < RSS_TARGET_MIB ? "yes" : "NO");
            System.out.printf("| p21-sink calls to P21 per order of the measured window | %s | - | - |%n",
                    P21CallCounts.perOrder(callsBefore, callsAfter, run.sent()));
            System.out.printf("| CPU of the JVM from the measured load's start until its last order was in P21 | %s | - | - |%n",
                    ThreadCpu.describe(cpuBefore, cpuAfter, run.sent()));
        } finally {
            ScratchBroker.deleteTree(dataDir);
        }
        // a Streams thread that failed to close in time (see docs/benchmarks.md) is not a daemon and would keep the JVM
        System.exit(0);
    }

    /** Missing means not in P21 within the drain time: late or lost, the benchmark cannot tell which. */
    private static String verdict(int missing, long duplicates, Duration drain) {
        if (duplicates > 0) {
            return "NO: " + duplicates + " sales orders created twice";
        }
        return missing == 0 ? "reported" : "NO: " + missing + " orders not in P21 " + drain.toSeconds()
                + " s after the last webhook (the system fell behind the rate)";
    }
}
