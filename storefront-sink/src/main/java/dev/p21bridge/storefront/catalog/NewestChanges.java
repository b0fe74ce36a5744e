package dev.p21bridge.storefront.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest stock level or price the sink has taken in per kind and SKU, from the source topic or a retry topic,
 * ordered by the source's change time and then the record's offset in its source topic (a SKU's records share one
 * partition). A level that waited in retry and is older than one taken in since is dropped when it comes due: the
 * newer one is written, or waits in retry itself, so only the latest counts and an older level is never written
 * after a newer one. In memory only: after a restart an older retry record may be written once more before the
 * newer one, never after it ({@link WrittenLevels}). It keeps the newest update itself too, which a resync writes
 * in place of an older level it carries. Thread-safe.
 */
public final class NewestChanges {

    private record Key(CatalogUpdate.Kind kind, String sku) {
    }

    private record Change(long changedAt, long originOffset, CatalogUpdate update) {

        boolean isNewerThan(Change other) {
            return changedAt > other.changedAt || changedAt == other.changedAt && originOffset > other.originOffset;
        }
    }

    private final Map<Key, Change> newest = new ConcurrentHashMap<>();

    /** Takes in {@code update}, carried by the record at {@code originOffset} of its source topic. */
    void saw(CatalogUpdate update, long originOffset) {
        Change change = new Change(update.changedAt(), originOffset, update);
        newest.merge(new Key(update.kind(), update.sku()), change, (held, arrived) -> arrived.isNewerThan(held)
                ? arrived : held);
    }

    /** True when a newer update of the same kind and SKU was taken in than {@code update} at {@code originOffset}. */
    boolean isSuperseded(CatalogUpdate update, long originOffset) {
        Change held = newest.get(new Key(update.kind(), update.sku()));
        return held != null && held.isNewerThan(new Change(update.changedAt(), originOffset, update));
    }

    /** An update taken in and the offset of its record in its source topic. */
    record Taken(CatalogUpdate update, long originOffset) {
    }

    /**
     * The newest update of {@code update}'s kind and SKU taken in, when it is newer than {@code update} at
     * {@code originOffset}: what a resync must write instead, being the current level.
     */
    Optional<Taken> newerThan(CatalogUpdate update, long originOffset) {
        Change held = newest.get(new Key(update.kind(), update.sku()));
        return held != null && held.isNewerThan(new Change(update.changedAt(), originOffset, update))
                ? Optional.of(new Taken(held.update(), held.originOffset())) : Optional.empty();
    }
}
