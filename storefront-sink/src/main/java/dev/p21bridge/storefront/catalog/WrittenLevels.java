package dev.p21bridge.storefront.catalog;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.storefront.Storefront;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * What the sink last wrote per store, kind and SKU, in memory and in the compacted topic
 * {@link Topics#STOREFRONT_WRITTEN}, so neither a retry, a redelivery nor a restart ever writes an older level over a
 * newer one. {@link #load()} reads the topic back at start, before any record is consumed.
 *
 * <p>Key {@code <kind>:<store>:<SKU>}, e.g. {@code stock:xcart:HX-4410} or {@code stock:ca:HX-4410} (each store
 * of {@code BRIDGE_STORES} has its own marks, so two stores of one platform never pass for each other); value JSON
 * {@code {"changedAt": <epoch millis>, "value": "12", "offset": <offset of the record written>}}, for stock also
 * {@code "counted": "40", "uncounted": [{"minute": <epoch millis>, "units": "10"}]} ({@link UncountedSales.Basis}), for
 * a price also {@code "description": "<hex fingerprint of the description written>"} when one was.
 */
public final class WrittenLevels {

    /**
     * One write: the source's change time and the record's offset order it. Two records of one SKU changed at the
     * same moment are ordered by offset (a SKU's records share one partition), so replaying both never flips back.
     * A stock mark also keeps what the amount was based on ({@link UncountedSales}); null for prices and old marks.
     * A price mark keeps a fingerprint of the description last written; null when none was (or an old mark).
     */
    record Mark(long changedAt, BigDecimal value, long offset, UncountedSales.Basis basis, String descriptionHash) {

        Mark(long changedAt, BigDecimal value, long offset, UncountedSales.Basis basis) {
            this(changedAt, value, offset, basis, null);
        }

        Mark(long changedAt, BigDecimal value, long offset) {
            this(changedAt, value, offset, null, null);
        }

        /** Whether the description last written is the update's (an update without one never needs writing). */
        boolean sameDescription(CatalogUpdate update) {
            return update.description() == null || hash(update.description()).equals(descriptionHash);
        }

        /** A fingerprint of a description: marks keep this, not the text, so the marks topic stays small. */
        static String hash(String description) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        /** Whether an update carried by the record at {@code updateOffset} is newer than this write. */
        boolean isOlderThan(CatalogUpdate update, long updateOffset) {
            return update.changedAt() > changedAt || update.changedAt() == changedAt && updateOffset > offset;
        }

        /** Whether this write is newer than an update carried by the record at {@code updateOffset}. */
        boolean isNewerThan(CatalogUpdate update, long updateOffset) {
            return changedAt > update.changedAt() || changedAt == update.changedAt() && offset > updateOffset;
        }

        boolean sameValue(CatalogUpdate update) {
            return sameValue(update.value());
        }

        boolean sameValue(BigDecimal written) {
            return value.compareTo(written) == 0;
        }
    }

    /** Where marks are kept durably: the compacted topic in production, a map in unit tests. */
    interface Log {
        /** Appends a mark; the future completes when it is durable. */
        Future<?> append(String key, Mark mark);

        /** Hands every stored mark to {@code into}, in the order written. */
        void replay(BiConsumer<String, Mark> into);
    }

    private final Log log;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    public WrittenLevels(Log log) {
        this.log = log;
    }

    /** Reads every stored mark; the newest per key wins. Answers how many keys are known. */
    public int load() {
        log.replay((key, mark) -> marks.merge(key, mark, WrittenLevels::newer));
        return marks.size();
    }

    Optional<Mark> get(CatalogUpdate.Kind kind, Storefront storefront, String sku) {
        return Optional.ofNullable(marks.get(key(kind, storefront, sku)));
    }

    /** Remembers a write and makes it durable; the caller waits for the future before finishing the records. */
    Future<?> record(CatalogUpdate.Kind kind, Storefront storefront, String sku, Mark mark) {
        String key = key(kind, storefront, sku);
        marks.merge(key, mark, WrittenLevels::newer);
        return log.append(key, mark);
    }

    /** Forgets a write whose mark could not be made durable, so the next attempt writes (and records) it again. */
    void forget(CatalogUpdate.Kind kind, Storefront storefront, String sku, Mark mark) {
        marks.remove(key(kind, storefront, sku), mark);
    }

    static String key(CatalogUpdate.Kind kind, Storefront storefront, String sku) {
        return kind.label() + ":" + storefront.id() + ":" + sku;
    }

    private static Mark newer(Mark held, Mark arrived) {
        if (arrived.changedAt() != held.changedAt()) {
            return arrived.changedAt() > held.changedAt() ? arrived : held;
        }
        return arrived.offset() >= held.offset() ? arrived : held;
    }
}
