package dev.p21bridge.simulators.storefront;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the state-changing API calls that reached the simulated storefront (stock, price, status and tracking
 * writes), so a test can tell whether the bridge wrote once or retried. A call that an injected fault refused before
 * the handler ran is not counted; one that committed and then failed is.
 */
public final class CallLog {

    /** The counts at one moment; keys are canonical SKUs and order ids. */
    public record Counts(long total, Map<String, Long> perSku, Map<String, Long> perOrder) {
    }

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> perSku = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> perOrder = new ConcurrentHashMap<>();

    public void sku(String sku) {
        total.incrementAndGet();
        perSku.computeIfAbsent(ProductView.canonicalSku(sku), k -> new LongAdder()).increment();
    }

    public void order(String orderId) {
        total.incrementAndGet();
        perOrder.computeIfAbsent(orderId, k -> new LongAdder()).increment();
    }

    public Counts counts() {
        return new Counts(total.get(), sorted(perSku), sorted(perOrder));
    }

    public void clear() {
        total.set(0);
        perSku.clear();
        perOrder.clear();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
