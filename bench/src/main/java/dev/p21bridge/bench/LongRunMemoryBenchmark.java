package dev.p21bridge.bench;

import dev.p21bridge.sandbox.BridgeSystem;
import dev.p21bridge.sandbox.SystemOptions;
import dev.p21bridge.simulators.p21.P21Order;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Memory over a long run (docs/benchmarks.md, "memory flat over 1 M orders"): the whole system of {@code ./bridge up}
 * in this JVM with the simulators' default bound on the orders they keep, fed signed X-Cart {@code order.created}
 * webhooks at {@code bench.rate} per second in legs of {@code bench.legOrders}, up to {@code bench.orders} in all.
 * After each leg the benchmark waits until P21 created every order sent so far (so no backlog carries over and each
 * reading is taken at the same point of the flow), then prints the JVM's resident memory, the heap live after the
 * last collection, and the data directory's size. Flat means the readings of the later legs do not climb with the
 * orders; the data directory (Kafka's logs) grows until retention trims it and is reported for what it is.
 *
 * <p>Orders are counted by P21's order numbers (the simulator numbers them one by one and keeps only the newest), so
 * "created" is every sales order P21 ever made: equal to the orders sent means none lost and none made twice.
 * System properties: {@code bench.rate} [400], {@code bench.orders} [1,000,000], {@code bench.legOrders} [100,000],
 * {@code bench.drainSeconds} [600] per leg.
 */
public final class LongRunMemoryBenchmark {

    private static final String XCART_DEV_SECRET = "xcart-dev-secret";

    private LongRunMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        int rate = Integer.getInteger("bench.rate", 400);
        long total = Long.getLong("bench.orders", 1_000_000);
        long leg = Long.getLong("bench.legOrders", 100_000);
        Duration drain = Duration.ofSeconds(Integer.getInteger("bench.drainSeconds", 600));
        System.out.println("machine: " + MachineReport.describe());

        Path dataDir = Files.createTempDirectory("p21-bench-memory-");
        long startedAt = System.nanoTime();
        try (ResidentMemory memory = ResidentMemory.sampleEvery(1_000);
             BridgeSystem system = new BridgeSystem(SystemOptions.randomPorts(dataDir),
                     BenchSettings.fromSystemProperty()).start()) {
            System.out.printf("system started in %.1fs; simulators keep %,d orders each%n",
                    (System.nanoTime() - startedAt) / 1e9, SystemOptions.DEFAULT_SIMULATOR_ORDERS_KEPT);
            URI webhooks = URI.create("http://localhost:" + system.ingress().port() + "/webhooks/xcart");
            SignedWebhooks orders = new SignedWebhooks(OrderBodies.xcart(0), XCART_DEV_SECRET,
                    OrderBodies.FIRST_ORDER_ID);
            WebhookLoad load = new WebhookLoad(orders, 5_000);
            long firstOrderNo = lastOrderNo(system);
            System.out.println("| orders sent | created in P21 | resident (VmRSS) | heap live after a full GC | max resident so far | data dir | elapsed |");
            System.out.println("|---|---|---|---|---|---|---|");
            long sent = 0;
            while (sent < total) {
                int legOrders = (int) Math.min(leg, total - sent);
                WebhookLoad.FixedRate run = load.fixedRate("leg", webhooks, rate,
                        Duration.ofMillis(1_000L * legOrders / rate));
                sent += run.sent();
                long created = awaitCreated(system, firstOrderNo, sent, drain);
                System.out.printf("| %,d | %,d%s | %.0f MiB | %.0f MiB | %.0f MiB | %.0f MiB | %.0f s |%n", sent, created,
                        created == sent ? "" : " (" + (sent - created) + " not yet)", ResidentMemory.currentKib() / 1024.0,
                        heapLiveMib(), memory.maxMib(), directoryMib(dataDir),
                        (System.nanoTime() - startedAt) / 1e9);
                System.out.flush();
            }
            System.out.println("machine after: loadavg=" + MachineReport.loadAverage());
        } finally {
            ScratchBroker.deleteTree(dataDir);
        }
        System.exit(0);
    }

    /** Waits until P21 has created {@code expected} orders since {@code firstOrderNo}; the count reached. */
    private static long awaitCreated(BridgeSystem system, long firstOrderNo, long expected, Duration drain)
            throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        long created = lastOrderNo(system) - firstOrderNo;
        while (created < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            created = lastOrderNo(system) - firstOrderNo;
        }
        return created;
    }

    private static long lastOrderNo(BridgeSystem system) {
        List<P21Order> kept = system.p21().orders();
        return kept.isEmpty() ? 1_000_000 : Long.parseLong(kept.get(kept.size() - 1).orderNo());
    }

    /**
     * The heap in use right after a full collection: what is live, not what awaits collection. G1 updates its old
     * generation's after-collection figure only after a concurrent or full cycle, so the benchmark asks for one.
     */
    private static double heapLiveMib() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    /** Disk blocks the directory takes ({@code du}): Kafka's index files are sparse, their length is not their size. */
    private static double directoryMib(Path dir) {
        try {
            Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            du.waitFor();
            return Long.parseLong(out.trim().split("\\s+")[0]) / 1024.0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
