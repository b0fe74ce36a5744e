package dev.p21bridge.ingress.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * How far a backfill of one store read its order history, oldest creation first: every order created before
 * {@code cursor} was written, and of those created at {@code cursor} (the stores' times are to the second) the ones
 * named. Kept in {@code bridge.store-poll-positions} under {@code backfill:<store>}, so a stopped backfill resumes
 * there. Immutable.
 *
 * @param since      the {@code --since} it was started with; a backfill with another one starts afresh
 * @param cursor     creation time of the last order written
 * @param atCursor   ids of the orders created at {@code cursor} already written
 * @param read       orders read so far, over every run of this backfill
 * @param sent       orders written to the raw topic so far
 */
record BackfillPosition(Instant since, Instant cursor, Set<String> atCursor, long read, long sent) {

    static final String KEY_PREFIX = "backfill:";

    BackfillPosition {
        atCursor = Set.copyOf(atCursor);
    }

    static BackfillPosition startingAt(Instant since) {
        return new BackfillPosition(since, since, Set.of(), 0, 0);
    }

    static String key(String store) {
        return KEY_PREFIX + store;
    }

    /** Whether {@code order} was written by an earlier page or run. */
    boolean wasWritten(ListedOrder order) {
        return order.created().isBefore(cursor) || order.created().equals(cursor) && atCursor.contains(order.id());
    }

    /** This position after {@code order} (created at or after the cursor) was written. */
    BackfillPosition after(ListedOrder order) {
        if (order.created().isAfter(cursor)) {
            return new BackfillPosition(since, order.created(), Set.of(order.id()), read, sent + 1);
        }
        Set<String> ids = new HashSet<>(atCursor);
        ids.add(order.id());
        return new BackfillPosition(since, cursor, ids, read, sent + 1);
    }

    BackfillPosition read(int orders) {
        return new BackfillPosition(since, cursor, atCursor, read + orders, sent);
    }

    byte[] toJson() throws IOException {
        ObjectNode json = StoreHttp.JSON.createObjectNode();
        json.put("since", since.toString());
        json.put("cursor", cursor.toString());
        atCursor.stream().sorted().forEach(json.putArray("atCursor")::add);
        json.put("read", read);
        json.put("sent", sent);
        return StoreHttp.JSON.writeValueAsBytes(json);
    }

    static BackfillPosition fromJson(byte[] value) throws IOException {
        JsonNode json = StoreHttp.JSON.readTree(value);
        Set<String> ids = new HashSet<>();
        json.path("atCursor").forEach(id -> ids.add(id.asText()));
        try {
            return new BackfillPosition(Instant.parse(json.path("since").asText()),
                    Instant.parse(json.path("cursor").asText()), ids, json.path("read").asLong(),
                    json.path("sent").asLong());
        } catch (RuntimeException e) {
            throw new IOException("no valid since or cursor in a backfill position");
        }
    }
}
