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

    /**
     * The counts at one moment; keys are canonical SKUs and order ids. {@code perOrderCall} counts each kind of call
     * per order ({@code shipping_status=S}, {@code tracking_numbers}, {@code Ship}), so a test can tell a repeated
     * write from two different ones.
     */
    public record Counts(long total, Map<String, Long> perSku, Map<String, Long> perOrder,
                         Map<String, Map<String, Long>> perOrderCall) {
    }

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> perSku = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> perOrder = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> perOrderCall = new ConcurrentHashMap<>();

    public void sku(String sku) {
        total.incrementAndGet();
        perSku.computeIfAbsent(ProductView.canonicalSku(sku), k -> new LongAdder()).increment();
    }

    /** A state-changing call on an order; {@code call} names its kind, e.g. {@code shipping_status=S}. */
    public void order(String orderId, String call) {
        total.incrementAndGet();
        perOrder.computeIfAbsent(orderId, k -> new LongAdder()).increment();
        perOrderCall.computeIfAbsent(orderId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(call, k -> new LongAdder()).increment();
    }

    public Counts counts() {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        perOrderCall.forEach((order, kinds) -> calls.put(order, sorted(kinds)));
        return new Counts(total.get(), sorted(perSku), sorted(perOrder), calls);
    }

    public void clear() {
        total.set(0);
        perSku.clear();
        perOrder.clear();
        perOrderCall.clear();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
