package dev.p21bridge.ingress.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a store's order list was read: the latest change time seen (the store's clock), and each order written
 * inside the overlap window behind it with the change time it was written at, so a poll that reads the window again
 * writes only what changed since. Immutable.
 *
 * @param written order id to the change time (epoch millis) last written of it
 */
record PollPosition(Instant lastChange, Map<String, Long> written) {

    PollPosition {
        written = Map.copyOf(written);
    }

    static PollPosition startingAt(Instant lastChange) {
        return new PollPosition(lastChange, Map.of());
    }

    /** Where a poll reads down to: the last change seen minus {@code overlap}. */
    Instant windowStart(Duration overlap) {
        return lastChange.minus(overlap);
    }

    /** Whether this change of the order was written already. */
    boolean wasWritten(ListedOrder order) {
        Long at = written.get(order.id());
        return at != null && at >= order.changed().toEpochMilli();
    }

    boolean knows(String orderId) {
        return written.containsKey(orderId);
    }

    /**
     * This position after {@code orders} were written (acknowledged by Kafka): the last change moves to the latest
     * of theirs, and orders whose change falls out of the window are forgotten.
     */
    PollPosition after(Iterable<ListedOrder> orders, Duration overlap) {
        Map<String, Long> next = new HashMap<>(written);
        Instant latest = lastChange;
        for (ListedOrder order : orders) {
            next.merge(order.id(), order.changed().toEpochMilli(), Math::max);
            latest = order.changed().isAfter(latest) ? order.changed() : latest;
        }
        long from = latest.minus(overlap).toEpochMilli();
        next.values().removeIf(changed -> changed < from);
        return new PollPosition(latest, next);
    }

    byte[] toJson() throws IOException {
        ObjectNode json = StoreHttp.JSON.createObjectNode();
        json.put("lastChange", lastChange.toString());
        ObjectNode orders = json.putObject("written");
        written.forEach(orders::put);
        return StoreHttp.JSON.writeValueAsBytes(json);
    }

    static PollPosition fromJson(byte[] value) throws IOException {
        JsonNode json = StoreHttp.JSON.readTree(value);
        Map<String, Long> written = new HashMap<>();
        json.path("written").fields().forEachRemaining(e -> written.put(e.getKey(), e.getValue().asLong()));
        try {
            return new PollPosition(Instant.parse(json.path("lastChange").asText()), written);
        } catch (RuntimeException e) {
            throw new IOException("no valid lastChange in a poll position");
        }
    }
}
