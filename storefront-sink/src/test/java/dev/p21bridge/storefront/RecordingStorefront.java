package dev.p21bridge.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A storefront client that records what it is asked to write, knows a set of SKUs and fails when told to. */
public final class RecordingStorefront implements StorefrontClient {

    public record Write(String kind, String sku, BigDecimal value) {
    }

    private final Storefront storefront;
    public final List<Write> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    final Set<String> sold = ConcurrentHashMap.newKeySet();
    /** The amount each SKU shows: what was last written, or what a test set to stand for the storefront's sales. */
    public final Map<String, Long> amounts = new ConcurrentHashMap<>();
    public final AtomicInteger failNext = new AtomicInteger();
    public volatile int failStatus = 503;
    /** Thrown by the next write instead of any storefront answer: a bug in the sink's own code. */
    public volatile RuntimeException failWith;

    public RecordingStorefront(Storefront storefront, String... skus) {
        this.storefront = storefront;
        sold.addAll(List.of(skus));
    }

    @Override
    public Storefront storefront() {
        return storefront;
    }

    @Override
    public OptionalLong stock(String sku) {
        return sold.contains(sku) ? OptionalLong.of(amounts.getOrDefault(sku, 0L)) : OptionalLong.empty();
    }

    @Override
    public boolean setStock(String sku, long amount) {
        boolean written = write("stock", sku, BigDecimal.valueOf(amount));
        if (written) {
            amounts.put(sku, amount);
        }
        return written;
    }

    /** The storefront placed an order: it takes the units off its own amount at once. */
    public void sell(String sku, long units) {
        amounts.merge(sku, -units, Long::sum);
    }

    @Override
    public boolean setPrice(String sku, BigDecimal price) {
        return write("price", sku, price);
    }

    /** The description each SKU shows, as last written, and how many description writes were made. */
    public final Map<String, String> descriptions = new ConcurrentHashMap<>();
    public final AtomicInteger descriptionWrites = new AtomicInteger();

    @Override
    public boolean setDescription(String sku, String description) {
        RuntimeException bug = failWith;
        if (bug != null) {
            failWith = null;
            throw bug;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorefrontCallException(storefront, failStatus, "Service Unavailable", null);
        }
        if (!sold.contains(sku)) {
            return false;
        }
        descriptionWrites.incrementAndGet();
        descriptions.put(sku, description);
        return true;
    }

    /** The orders marked shipped, as {@code <order id>=<tracking numbers>}. */
    public final List<String> shipped = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public ShipOutcome ship(String orderId, String carrier, List<String> trackingNumbers) {
        shipped.add(orderId + "=" + String.join(",", trackingNumbers));
        return ShipOutcome.CHANGED;
    }

    public List<Write> writesOf(String sku) {
        synchronized (writes) {
            return writes.stream().filter(w -> w.sku().equals(sku)).toList();
        }
    }

    private boolean write(String kind, String sku, BigDecimal value) {
        RuntimeException bug = failWith;
        if (bug != null) {
            failWith = null;
            throw bug;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorefrontCallException(storefront, failStatus, failStatus == 400 ? "Bad Request" : "Service Unavailable", null);
        }
        if (!sold.contains(sku)) {
            return false;
        }
        writes.add(new Write(kind, sku, value));
        return true;
    }
}
