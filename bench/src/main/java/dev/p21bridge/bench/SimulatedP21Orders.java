package dev.p21bridge.bench;

import dev.p21bridge.sandbox.BridgeSystem;
import dev.p21bridge.simulators.p21.P21Order;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sales orders the P21 simulator of a benchmark's system holds, by the storefront order they came from. */
final class SimulatedP21Orders {

    /**
     * The simulators of a benchmark that checks each order it sent by its web reference keep every order: the bound
     * {@code ./bridge up} sets by default would forget the early ones of a long run before they are checked.
     */
    static final int KEEP_EVERY_ORDER = Integer.MAX_VALUE;

    private SimulatedP21Orders() {
    }

    /**
     * Polls the simulator until every X-Cart order of the id range is in P21 or {@code deadline} passes, and answers
     * what it found. The simulator lists its orders oldest first, so each poll reads only those created since the
     * one before: rebuilding a map of every order four times a second took about a fortieth of the machine while the
     * last orders were on their way, and counted in the CPU per order. The poll interval does not matter for the
     * latencies, because each order carries its own creation time.
     */
    static Map<String, P21Order> await(BridgeSystem system, long firstOrderId, int count, Duration deadline)
            throws InterruptedException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        Set<String> wanted = new HashSet<>();
        for (long id = firstOrderId; id < firstOrderId + count; id++) {
            wanted.add(webReference(id));
        }
        Map<String, P21Order> found = new HashMap<>();
        int read = 0;
        int present = 0;
        long nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<P21Order> all = system.p21().orders();
            for (P21Order order : all.subList(Math.min(read, all.size()), all.size())) {
                if (found.putIfAbsent(order.webReferenceNo(), order) == null && wanted.contains(order.webReferenceNo())) {
                    present++;
                }
            }
            read = all.size();
            if (present == count || System.nanoTime() > giveUp) {
                if (present < count) {
                    System.out.printf("  %d of %d orders reached P21 within %s%n", present, count, deadline);
                }
                return found;
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("  %d of %d orders in P21%n", present, count);
                nextReport += Duration.ofSeconds(30).toNanos();
            }
            Thread.sleep(100);
        }
    }

    static String webReference(long orderId) {
        return "xcart:" + orderId;
    }

    /** Sales orders whose web reference another one has too: orders created twice. */
    static long doubled(List<P21Order> orders) {
        String[] references = orders.stream().map(P21Order::webReferenceNo).toArray(String[]::new);
        return references.length - Arrays.stream(references).distinct().count();
    }
}
