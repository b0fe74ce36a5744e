package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.p21bridge.storefront.Storefront;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the latest stock level and price per SKU until the flusher takes them, so a burst of changes to one SKU
 * becomes one storefront call with the latest value. "Latest" is by the source's change time, never by arrival: an
 * update that changed earlier than the one held never replaces it (it only joins the records the held one stands
 * for). An update whose write failed comes back with {@link #retryLater} and yields to anything newer that arrived
 * meanwhile. Thread-safe.
 *
 * <p>One SKU's stock or price is taken at most once per {@code skuInterval}: an update arriving sooner after the
 * last take waits until the interval has passed, gathering whatever else arrives meanwhile. A hot SKU under a stream of
 * orders changes on every flush; without the interval the sink wrote it (and read the storefront's amount first) a
 * few times a second to every storefront, so a few hundred selling SKUs made thousands of storefront calls a second,
 * more than a storefront's API takes. A SKU that changes now and then is still written at the next flush.
 *
 * <p>Metrics: {@code storefront.updates.coalesced{kind}} (an update folded into one already waiting) and
 * {@code storefront.updates.superseded{kind, storefront=any}} (an update that arrived after a newer one).
 */
public final class SkuCoalescer {

    private record Key(CatalogUpdate.Kind kind, String sku) {
    }

    private final Map<Key, PendingUpdate> pending = new LinkedHashMap<>();
    /** When each key was last taken, for keys taken less than {@link #skuIntervalMillis} ago. */
    private final Map<Key, Long> lastTaken = new HashMap<>();
    private final MeterRegistry metrics;
    private final long skuIntervalMillis;
    private final Clock clock;

    public SkuCoalescer(MeterRegistry metrics, Duration skuInterval, Clock clock) {
        if (skuInterval.isNegative()) {
            throw new IllegalArgumentException("skuInterval must not be negative, was " + skuInterval);
        }
        this.metrics = metrics;
        this.skuIntervalMillis = skuInterval.toMillis();
        this.clock = clock;
    }

    synchronized void offer(CatalogUpdate update, ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        offer(update, Set.of(), record, lease);
    }

    /**
     * As {@link #offer(CatalogUpdate, ConsumerRecord, PartitionLease)}, also asking that whatever update of the SKU is
     * written next goes to {@code resync} even when their marks say it is there already (a store's stock was wiped).
     */
    synchronized void offer(CatalogUpdate update, Set<Storefront> resync, ConsumerRecord<String, byte[]> record,
                            PartitionLease lease) {
        Key key = new Key(update.kind(), update.sku());
        PendingUpdate held = pending.get(key);
        if (held == null) {
            PendingUpdate fresh = new PendingUpdate(update, record, lease);
            fresh.resyncOn(resync);
            Long taken = lastTaken.get(key);
            if (taken != null && taken + skuIntervalMillis > clock.millis()) {
                fresh.notBefore(taken + skuIntervalMillis);
            }
            pending.put(key, fresh);
            return;
        }
        held.resyncOn(resync);
        metrics.counter("storefront.updates.coalesced", "kind", update.kind().label()).increment();
        if (update.supersedes(held.update())) {
            held.replaceWith(update, record, lease);
        } else {
            metrics.counter("storefront.updates.superseded", "kind", update.kind().label(), "storefront", "any")
                    .increment();
            held.cover(record, lease);
        }
    }

    /** Removes and answers the updates whose retry time has come (all of them unless some failed before). */
    synchronized List<PendingUpdate> drainDue(long nowMillis) {
        lastTaken.values().removeIf(taken -> taken + skuIntervalMillis <= nowMillis);
        List<PendingUpdate> due = new ArrayList<>();
        Iterator<Map.Entry<Key, PendingUpdate>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, PendingUpdate> entry = it.next();
            if (entry.getValue().notBefore() <= nowMillis) {
                due.add(entry.getValue());
                it.remove();
                if (skuIntervalMillis > 0) {
                    lastTaken.put(entry.getKey(), nowMillis);
                }
            }
        }
        return due;
    }

    /** Puts back an update that failed transiently; whichever of it and a newly arrived one is newer is written. */
    synchronized void retryLater(PendingUpdate failed) {
        Key key = new Key(failed.update().kind(), failed.update().sku());
        PendingUpdate arrived = pending.get(key);
        if (arrived == null) {
            pending.put(key, failed);
        } else if (arrived.update().supersedes(failed.update())) {
            arrived.absorb(failed);
        } else {
            failed.absorb(arrived);
            pending.put(key, failed);
        }
    }

    /**
     * Forgets the records of a partition this instance no longer owns (its new owner reads them again from the
     * committed offset); an update left covering no record is dropped.
     */
    public synchronized void dropPartition(TopicPartition partition) {
        pending.values().removeIf(update -> {
            update.covered().removeIf(c -> c.lease().partition().equals(partition));
            return update.covered().isEmpty();
        });
    }

    synchronized int size() {
        return pending.size();
    }
}
