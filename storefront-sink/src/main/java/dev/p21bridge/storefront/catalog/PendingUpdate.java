package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.consumer.PartitionLease;
import java.util.ArrayList;
import java.util.List;
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
    private int failedAttempts;
    private long notBefore;

    PendingUpdate(CatalogUpdate update, ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        this.update = update;
        this.record = record;
        covered.add(new Covered(lease, record.offset()));
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
