package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.storefront.Storefront;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest update of one SKU and kind waiting to be written, with every record it stands for: the record that
 * carried it and the older or equal ones it replaced. Those records' offsets are finished only when this update is
 * written (or found superseded) on every storefront, so a crash before that reads them all again.
 * Guarded by the {@link SkuCoalescer} that holds it until the flusher takes it.
 */
final class PendingUpdate {

    /** A consumed record this update stands for. */
    record Covered(PartitionLease lease, long offset) {
    }

    private CatalogUpdate update;
    private ConsumerRecord<String, byte[]> record;
    private final List<Covered> covered = new ArrayList<>();
    /** Storefronts an operator asked to be written again ({@code ./bridge resync stock}), whatever the marks say. */
    private final Set<Storefront> resync = new HashSet<>();
    private int failedAttempts;
    private long notBefore;

    PendingUpdate(CatalogUpdate update, ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        this.update = update;
        this.record = record;
        covered.add(new Covered(lease, record.offset()));
    }

    /** The storefronts to write this update to even when their mark says it is there ({@link StockResyncHeaders}). */
    Set<Storefront> resync() {
        return resync;
    }

    /** Adds storefronts to write again: a resync asks for the current level, which the newest update held is. */
    void resyncOn(Set<Storefront> storefronts) {
        resync.addAll(storefronts);
    }

    CatalogUpdate update() {
        return update;
    }

    /** The record that carried {@link #update()}: the one a dead letter keeps. */
    ConsumerRecord<String, byte[]> record() {
        return record;
    }

    List<Covered> covered() {
        return covered;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    long notBefore() {
        return notBefore;
    }

    /** Takes {@code newer} as the update to write, keeping every record covered so far. */
    void replaceWith(CatalogUpdate newer, ConsumerRecord<String, byte[]> newerRecord, PartitionLease lease) {
        update = newer;
        record = newerRecord;
        covered.add(new Covered(lease, newerRecord.offset()));
    }

    /** Covers a record whose update lost to this one. */
    void cover(ConsumerRecord<String, byte[]> older, PartitionLease lease) {
        covered.add(new Covered(lease, older.offset()));
    }

    /** Takes over {@code other}'s records and retry state; {@code other}'s update is not written. */
    void absorb(PendingUpdate other) {
        covered.addAll(other.covered);
        resync.addAll(other.resync);
        failedAttempts = Math.max(failedAttempts, other.failedAttempts);
        notBefore = Math.max(notBefore, other.notBefore);
    }

    /** Holds this update back until {@code notBefore} (epoch millis). */
    void notBefore(long notBefore) {
        this.notBefore = Math.max(this.notBefore, notBefore);
    }

    void failed(long retryAt) {
        failedAttempts++;
        notBefore = retryAt;
    }

    /** Finishes every covered record (the caller made the outcome durable). */
    void complete() {
        covered.forEach(c -> c.lease().offsets().completed(c.offset()));
    }
}
