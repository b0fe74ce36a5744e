package dev.p21bridge.ingress.p21;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one table's polling stands, and which rows of the current window are already on {@code raw.p21}. Each
 * window starts {@code overlap} before the watermark, so a row committed late with an earlier timestamp is still
 * found; the rows of the overlap that were already written are skipped by their event id, kept here for as long as
 * they lie inside the window. A row is skipped only when it is certainly written: a rare repeat is harmless (the
 * transformer drops repeated event ids), a miss is not. Used by the poller's one thread only.
 */
final class P21Cursor {

    private final P21Table table;
    private final Duration overlap;
    private final Map<String, Instant> writtenInWindow = new HashMap<>();
    private P21Watermark watermark;

    P21Cursor(P21Table table, P21Watermark watermark, Duration overlap) {
        this.table = table;
        this.watermark = watermark;
        this.overlap = overlap;
    }

    P21Table table() {
        return table;
    }

    P21Watermark watermark() {
        return watermark;
    }

    /** Where the next poll's window starts: the watermark minus the overlap. */
    Instant windowStart() {
        return watermark.lastModified().minus(overlap);
    }

    /**
     * Whether the row version is not yet on {@code raw.p21}: false when its event id was written in this window, or
     * when it lies exactly at the watermark among the keys the watermark lists.
     */
    boolean isNew(String rowKey, Instant modified) {
        if (writtenInWindow.containsKey(table.eventId(rowKey, modified))) {
            return false;
        }
        return !(modified.equals(watermark.lastModified()) && watermark.keysAtLastModified().contains(rowKey));
    }

    /** Kafka acknowledged the row version: remember it and move the watermark up to it. */
    void written(String rowKey, Instant modified) {
        remember(table.eventId(rowKey, modified), modified);
        int order = modified.compareTo(watermark.lastModified());
        if (order > 0) {
            watermark = new P21Watermark(modified, Set.of(rowKey));
        } else if (order == 0 && !watermark.keysAtLastModified().contains(rowKey)) {
            Set<String> keys = new HashSet<>(watermark.keysAtLastModified());
            keys.add(rowKey);
            watermark = new P21Watermark(modified, keys);
        }
    }

    /** An event id found on {@code raw.p21} (at start, from before a restart); ignored when outside the window. */
    void remember(String eventId, Instant modified) {
        if (!modified.isBefore(windowStart())) {
            writtenInWindow.put(eventId, modified);
        }
    }

    /** Forgets the event ids that fell out of the window: no later poll reads their rows again. */
    void prune() {
        Instant start = windowStart();
        writtenInWindow.values().removeIf(modified -> modified.isBefore(start));
    }

    int remembered() {
        return writtenInWindow.size();
    }
}
