package dev.p21bridge.storefront;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the latest stock level and price per SKU until the flusher takes them, so a burst of changes to one SKU
 * becomes one storefront call with the latest value. "Latest" is by the source's change time, never by arrival: an
 * update that changed earlier than the one held never replaces it (it only joins the records the held one stands
 * for). An update whose write failed comes back with {@link #retryLater} and yields to anything newer that arrived
 * meanwhile. Thread-safe.
 *
 * <p>Metrics: {@code storefront.updates.coalesced{kind}} (an update folded into one already waiting) and
 * {@code storefront.updates.superseded{kind, storefront=any}} (an update that arrived after a newer one).
 */
final class SkuCoalescer {

    private record Key(CatalogUpdate.Kind kind, String sku) {
    }

    private final Map<Key, PendingUpdate> pending = new LinkedHashMap<>();
    private final MeterRegistry metrics;

    SkuCoalescer(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    synchronized void offer(CatalogUpdate update, ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Key key = new Key(update.kind(), update.sku());
        PendingUpdate held = pending.get(key);
        if (held == null) {
            pending.put(key, new PendingUpdate(update, record, lease));
            return;
        }
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
        List<PendingUpdate> due = new ArrayList<>();
        Iterator<PendingUpdate> it = pending.values().iterator();
        while (it.hasNext()) {
            PendingUpdate update = it.next();
            if (update.notBefore() <= nowMillis) {
                due.add(update);
                it.remove();
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
    synchronized void dropPartition(TopicPartition partition) {
        pending.values().removeIf(update -> {
            update.covered().removeIf(c -> c.lease().partition().equals(partition));
            return update.covered().isEmpty();
        });
    }

    synchronized int size() {
        return pending.size();
    }
}
