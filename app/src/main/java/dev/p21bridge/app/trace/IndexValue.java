package dev.p21bridge.app.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trace index keeps under one key: under {@code order:<order key>} the order's records; under
 * {@code email:<e-mail>} and {@code p21:<order no>} the order keys they lead to (and, for an e-mail, the buyer's
 * {@code canonical.customers} records). Bounded: at most {@link #MAX_ENTRIES} entries and {@link #MAX_ORDERS} order keys,
 * the newest kept; {@code lastSeen} lets the index drop the key once its records have outlived the topics' retention.
 *
 * @param lastSeen newest record time under this key, epoch millis
 */
public record IndexValue(List<TraceEntry> entries, List<String> orders, long lastSeen) {

    static final int MAX_ENTRIES = 500;
    static final int MAX_ORDERS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    public IndexValue {
        entries = List.copyOf(entries);
        orders = List.copyOf(orders);
    }

    static IndexValue empty() {
        return new IndexValue(List.of(), List.of(), 0);
    }

    /** This value with {@code entry} added, once, oldest first. */
    IndexValue withEntry(TraceEntry entry) {
        if (entries.stream().anyMatch(entry::sameRecord)) {
            return this;
        }
        List<TraceEntry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(TraceEntry.OLDEST_FIRST);
        if (next.size() > MAX_ENTRIES) {
            next = next.subList(next.size() - MAX_ENTRIES, next.size());
        }
        return new IndexValue(next, orders, Math.max(lastSeen, entry.timestamp()));
    }

    /** This value with {@code orderKey} among its orders, seen at {@code time}. */
    IndexValue withOrder(String orderKey, long time) {
        if (orders.contains(orderKey)) {
            return new IndexValue(entries, orders, Math.max(lastSeen, time));
        }
        List<String> next = new ArrayList<>(orders);
        next.add(orderKey);
        if (next.size() > MAX_ORDERS) {
            next.remove(0);
        }
        return new IndexValue(entries, next, Math.max(lastSeen, time));
    }

    /** This value with the entries and orders of {@code update} added. */
    IndexValue merge(IndexValue update) {
        IndexValue merged = this;
        for (TraceEntry entry : update.entries()) {
            merged = merged.withEntry(entry);
        }
        for (String order : update.orders()) {
            merged = merged.withOrder(order, update.lastSeen());
        }
        return merged;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an index value", e);
        }
    }

    static IndexValue fromJson(String json) {
        try {
            return JSON.readValue(json, IndexValue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read an index value: " + e.getOriginalMessage(), e);
        }
    }
}
