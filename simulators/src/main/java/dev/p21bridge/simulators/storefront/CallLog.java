package dev.p21bridge.simulators.storefront;

import java.util.LinkedHashMap;
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
    /** Per order the calls of each kind, for the {@code ordersKept} orders called last; guarded by itself. */
    private final Map<String, Map<String, LongAdder>> perOrderCall;

    /** Counts the calls of every order. */
    public CallLog() {
        this(Integer.MAX_VALUE);
    }

    /** Counts the calls of the {@code ordersKept} orders first called last, forgetting older ones: memory stays bounded. */
    public CallLog(int ordersKept) {
        this.perOrderCall = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, LongAdder>> eldest) {
                return size() > ordersKept;
            }
        };
    }

    public void sku(String sku) {
        total.incrementAndGet();
        perSku.computeIfAbsent(ProductView.canonicalSku(sku), k -> new LongAdder()).increment();
    }

    /** A state-changing call on an order; {@code call} names its kind, e.g. {@code shipping_status=S}. */
    public void order(String orderId, String call) {
        total.incrementAndGet();
        synchronized (perOrderCall) {
            perOrderCall.computeIfAbsent(orderId, k -> new LinkedHashMap<>())
                    .computeIfAbsent(call, k -> new LongAdder()).increment();
        }
    }

    public Counts counts() {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        Map<String, Long> perOrder = new TreeMap<>();
        synchronized (perOrderCall) {
            perOrderCall.forEach((order, kinds) -> {
                Map<String, Long> counts = sorted(kinds);
                calls.put(order, counts);
                perOrder.put(order, counts.values().stream().mapToLong(Long::longValue).sum());
            });
        }
        return new Counts(total.get(), sorted(perSku), perOrder, calls);
    }

    public void clear() {
        total.set(0);
        perSku.clear();
        synchronized (perOrderCall) {
            perOrderCall.clear();
        }
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
