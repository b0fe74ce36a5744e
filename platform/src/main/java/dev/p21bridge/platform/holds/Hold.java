package dev.p21bridge.platform.holds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One order held for review as {@code bridge.holds} keeps it (key: the order key; compacted, so the latest record is
 * the hold's state). JSON, so an operator can read it with any Kafka tool:
 * <pre>
 * {"orderKey":"xcart:10452","store":"xcart","p21OrderNo":"1000123","score":72,
 *  "reasons":["velocity-email 5 orders in 10 min (40)"],"holdReason":"risk 72: ...","state":"held",
 *  "heldAt":1765100000000,"decidedAt":null,"decidedBy":null,"note":null}
 * </pre>
 *
 * @param reasons   the risk reasons, highest points first, each "signal detail (points)"
 * @param decidedBy who decided: {@code cli}, {@code console} or {@code api}; null while held
 * @param note      what the p21-sink found when it applied a decision (e.g. already released in P21); may be null
 */
public record Hold(String orderKey, String store, String p21OrderNo, int score, List<String> reasons,
                   String holdReason, HoldState state, Instant heldAt, Instant decidedAt, String decidedBy,
                   String note) {

    /** Who may decide a hold. */
    public static final List<String> DECIDERS = List.of("cli", "console", "api");

    private static final ObjectMapper JSON = new ObjectMapper();

    public Hold {
        if (orderKey == null || orderKey.isBlank()) {
            throw new IllegalArgumentException("a hold needs its order key");
        }
        if (state == null) {
            throw new IllegalArgumentException("a hold needs its state");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** This hold decided: {@code state} by {@code decidedBy} at {@code at}. */
    public Hold decided(HoldState decision, String decidedBy, Instant at) {
        return new Hold(orderKey, store, p21OrderNo, score, reasons, holdReason, decision, heldAt, at, decidedBy, null);
    }

    /** This hold after the p21-sink applied its decision: {@code state} released or cancelled, with what it found. */
    public Hold applied(HoldState outcome, String note) {
        return new Hold(orderKey, store, p21OrderNo, score, reasons, holdReason, outcome, heldAt, decidedAt, decidedBy,
                note);
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("orderKey", orderKey);
        node.put("store", store);
        node.put("p21OrderNo", p21OrderNo);
        node.put("score", score);
        ArrayNode list = node.putArray("reasons");
        reasons.forEach(list::add);
        node.put("holdReason", holdReason);
        node.put("state", state.text());
        node.put("heldAt", heldAt == null ? null : heldAt.toEpochMilli());
        node.put("decidedAt", decidedAt == null ? null : decidedAt.toEpochMilli());
        node.put("decidedBy", decidedBy);
        node.put("note", note);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** The hold a record's value holds; an {@link IllegalArgumentException} naming what is wrong otherwise. */
    public static Hold fromJson(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("a hold is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a hold must be a JSON object");
        }
        List<String> reasons = new ArrayList<>();
        node.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        return new Hold(text(node, "orderKey"), text(node, "store"), text(node, "p21OrderNo"),
                node.path("score").asInt(0), reasons, text(node, "holdReason"), HoldState.of(text(node, "state")),
                instant(node, "heldAt"), instant(node, "decidedAt"), text(node, "decidedBy"), text(node, "note"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }
}
