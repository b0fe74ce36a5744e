package dev.p21bridge.bench;

import dev.p21bridge.sandbox.BridgeSystem;
import dev.p21bridge.sandbox.SystemOptions;
import dev.p21bridge.simulators.faults.FaultInjector;
import dev.p21bridge.simulators.p21.P21Order;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The p21-sink against a P21 as slow as the community measured it (docs/benchmarks.md): every call of the simulator
 * takes {@code bench.latencyMs} [200] ms more. The ideal rate is the calls the sink may have out at once
 * ({@code BRIDGE_P21_SINK_PARALLELISM}, default 16) divided by the latency, as each new order of a known buyer is one
 * call; the target is at least 0.9 of it.
 *
 * <p>A warm-up without latency (not counted) makes P21 know the 2,000 repeat buyers; then {@code bench.orders}
 * [4,000] orders arrive at {@code bench.rate} [2 x the ideal] per second, more than the sink can take, so it always
 * has work, and the rate is the orders created between the 10th and the 90th percentile of their creation times
 * divided by the time between them (the ramp at both ends left out). Per-key order is what the sink's lanes keep for
 * any load; this measures only the rate.
 */
public final class SlowP21Benchmark {

    private static final String XCART_DEV_SECRET = "xcart-dev-secret";
    private static final int DEFAULT_PARALLELISM = 16;

    private SlowP21Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        long latencyMs = Long.getLong("bench.latencyMs", 200);
        Map<String, String> settings = BenchSettings.fromSystemProperty();
        int parallelism = Integer.parseInt(settings.getOrDefault("BRIDGE_P21_SINK_PARALLELISM",
                Integer.toString(DEFAULT_PARALLELISM)));
        double ideal = parallelism * 1_000.0 / latencyMs;
        int orders = Integer.getInteger("bench.orders", 4_000);
        int rate = Integer.getInteger("bench.rate", (int) Math.ceil(2 * ideal));
        Duration drain = Duration.ofSeconds(Integer.getInteger("bench.drainSeconds", 600));
        System.out.println("machine: " + MachineReport.describe());

        Path dataDir = Files.createTempDirectory("p21-bench-slow-");
        try (BridgeSystem system = new BridgeSystem(SystemOptions.randomPorts(dataDir)
                .withSimulatorOrdersKept(SimulatedP21Orders.KEEP_EVERY_ORDER), settings).start()) {
            URI webhooks = URI.create("http://localhost:" + system.ingress().port() + "/webhooks/xcart");
            SignedWebhooks bodies = new SignedWebhooks(OrderBodies.xcart(0), XCART_DEV_SECRET,
                    OrderBodies.FIRST_ORDER_ID);
            WebhookLoad load = new WebhookLoad(bodies, 5_000);

            long warmFirst = bodies.nextOrderId();
            WebhookLoad.FixedRate warm = load.fixedRate("warm-up", webhooks, 100, Duration.ofSeconds(20));
            SimulatedP21Orders.await(system, warmFirst, (int) warm.sent(), drain);
            System.out.printf("warm-up (not counted, no latency): %d orders in P21%n", warm.sent());

            system.p21().faults().set(new FaultInjector.Faults(0, List.of(500), latencyMs, 0, 0, 0, 0));
            long first = bodies.nextOrderId();
            Map<String, Long> callsBefore = P21CallCounts.by(system, "call");
            WebhookLoad.FixedRate run = load.fixedRate("ingress", webhooks, rate,
                    Duration.ofMillis(orders * 1_000L / rate));
            Map<String, P21Order> created = SimulatedP21Orders.await(system, first, (int) run.sent(), drain);
            system.p21().faults().clear();
            Map<String, Long> callsAfter = P21CallCounts.by(system, "call");

            List<Instant> times = created.values().stream().filter(o -> o.webReferenceNo().startsWith("xcart:"))
                    .filter(o -> Long.parseLong(o.webReferenceNo().substring(6)) >= first)
                    .map(P21Order::dateCreated).sorted().toList();
            int from = times.size() / 10;
            int to = times.size() * 9 / 10;
            double seconds = Duration.between(times.get(from), times.get(to)).toNanos() / 1e9;
            double measured = (to - from) / seconds;
            System.out.println();
            System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
            System.out.println("| measure | result | target | met |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| orders created per second at %d ms per P21 call, %d calls out at most (%d orders"
                            + " sent at %d/s, %d in P21) | %.1f = %.2f x the ideal %.1f | >= 0.9 x | %s |%n",
                    latencyMs, parallelism, run.sent(), rate, times.size(), measured, measured / ideal, ideal,
                    measured >= 0.9 * ideal && times.size() == run.sent() ? "yes" : "NO");
            System.out.printf("| P21 calls per order | %.2f (%s) | - | - |%n",
                    P21CallCounts.total(callsBefore, callsAfter, run.sent()),
                    P21CallCounts.perOrder(callsBefore, callsAfter, run.sent()));
        } finally {
            ScratchBroker.deleteTree(dataDir);
        }
        System.exit(0);
    }
}
