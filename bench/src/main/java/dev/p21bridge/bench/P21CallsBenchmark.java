package dev.p21bridge.bench;

import dev.p21bridge.sandbox.BridgeSystem;
import dev.p21bridge.sandbox.SystemOptions;
import dev.p21bridge.simulators.p21.P21Order;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * P21 calls per order (issue 23, docs/benchmarks.md): the whole system of {@code ./bridge up} in this JVM, fed signed
 * X-Cart {@code order.created} webhooks at {@code bench.rate} [200] per second, counting the p21-sink's calls to the
 * P21 simulator by kind ({@code p21.call.latency} timers) per order of each phase:
 * <ol>
 *   <li>warm-up (not counted): one order of each of the 2,000 repeat buyers, so P21 has them all;</li>
 *   <li>known buyers: {@code bench.orders} [10,000] orders of those buyers; target 1.0 call per order;</li>
 *   <li>20 % new buyers: as many orders, every fifth by a buyer P21 has never seen; target at most 1.3;</li>
 *   <li>right after a restart of the p21-sink (its memory gone, what it keeps in Kafka kept): the same mix again;
 *       target at most 1.3.</li>
 * </ol>
 * Every order must reach P21 once; the phase's table row says how many are missing or doubled.
 */
public final class P21CallsBenchmark {

    private static final String XCART_DEV_SECRET = "xcart-dev-secret";
    private static final int POOL = 2_000;
    private static final long FIRST_NEW_BUYER = 300_000;

    private P21CallsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        int orders = Integer.getInteger("bench.orders", 10_000);
        int rate = Integer.getInteger("bench.rate", 200);
        Duration drain = Duration.ofSeconds(Integer.getInteger("bench.drainSeconds", 300));
        System.out.println("machine: " + MachineReport.describe());

        Path dataDir = Files.createTempDirectory("p21-bench-calls-");
        try (BridgeSystem system = new BridgeSystem(SystemOptions.randomPorts(dataDir)
                .withSimulatorOrdersKept(SimulatedP21Orders.KEEP_EVERY_ORDER),
                BenchSettings.fromSystemProperty()).start()) {
            URI webhooks = URI.create("http://localhost:" + system.ingress().port() + "/webhooks/xcart");
            long[] newBuyers = {FIRST_NEW_BUYER};
            boolean[] mixNewBuyers = {false};
            // every fifth order of a mixed phase is by a buyer never seen before; the rest by the pool's
            SignedWebhooks bodies = new SignedWebhooks(OrderBodies.xcart(0), XCART_DEV_SECRET,
                    OrderBodies.FIRST_ORDER_ID, orderId -> mixNewBuyers[0] && orderId % 5 == 0
                            ? nextNewBuyer(newBuyers) : OrderBodies.poolCustomer(orderId));
            WebhookLoad load = new WebhookLoad(bodies, 5_000);

            Phase warm = run(system, load, bodies, webhooks, "warm-up: one order of each repeat buyer", POOL,
                    Math.min(rate, 200), drain);
            Phase known = run(system, load, bodies, webhooks, "known buyers", orders, rate, drain);
            mixNewBuyers[0] = true;
            Phase mixed = run(system, load, bodies, webhooks, "20 % new buyers", orders, rate, drain);
            long restartAt = System.nanoTime();
            system.restartP21Sink();
            System.out.printf("p21-sink restarted in %.1f s%n", (System.nanoTime() - restartAt) / 1e9);
            Phase restarted = run(system, load, bodies, webhooks, "20 % new buyers, right after a restart", orders,
                    rate, drain);

            System.out.println();
            System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
            System.out.println("| phase | P21 calls per order | by kind | target | orders missing / doubled | met |");
            System.out.println("|---|---|---|---|---|---|");
            warm.print("-", Double.NaN);
            known.print("1.0", 1.0);
            mixed.print("<= 1.3", 1.3);
            restarted.print("<= 1.3", 1.3);
        } finally {
            ScratchBroker.deleteTree(dataDir);
        }
        System.exit(0);
    }

    private static synchronized long nextNewBuyer(long[] newBuyers) {
        return newBuyers[0]++;
    }

    private static Phase run(BridgeSystem system, WebhookLoad load, SignedWebhooks bodies, URI webhooks, String name,
                             int orders, int rate, Duration drain) throws InterruptedException {
        long first = bodies.nextOrderId();
        Map<String, Long> before = P21CallCounts.by(system, "call");
        Duration duration = Duration.ofMillis(Math.max(1_000, orders * 1_000L / rate));
        WebhookLoad.FixedRate sent = load.fixedRate(name, webhooks, rate, duration);
        Map<String, P21Order> created = SimulatedP21Orders.await(system, first, (int) sent.sent(), drain);
        Map<String, Long> after = P21CallCounts.by(system, "call");
        long arrived = java.util.stream.LongStream.range(first, first + sent.sent())
                .filter(id -> created.containsKey(SimulatedP21Orders.webReference(id))).count();
        Phase phase = new Phase(name, sent.sent(), sent.sent() - arrived,
                SimulatedP21Orders.doubled(system.p21().orders()),
                P21CallCounts.total(before, after, sent.sent()), P21CallCounts.perOrder(before, after, sent.sent()));
        System.out.printf("%s: %d orders at %d/s, %.2f P21 calls per order (%s)%n", name, sent.sent(), rate,
                phase.perOrder(), phase.byKind());
        return phase;
    }

    private record Phase(String name, long orders, long missing, long doubled, double perOrder, String byKind) {

        void print(String target, double bound) {
            boolean met = missing == 0 && doubled == 0 && (Double.isNaN(bound) || perOrder <= bound + 0.005);
            System.out.printf("| %s (%,d orders) | %.2f | %s | %s | %d / %d | %s |%n", name, orders, perOrder, byKind,
                    target, missing, doubled, Double.isNaN(bound) ? "-" : met ? "yes" : "NO");
        }
    }
}
