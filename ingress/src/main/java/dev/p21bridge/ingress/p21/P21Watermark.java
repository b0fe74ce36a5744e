package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far the poller has read one table: every row up to {@code lastModified} is on {@code raw.p21}, and of the
 * rows at exactly {@code lastModified}, those whose keys are listed. Stored in {@code bridge.p21-watermarks} as
 * {@code {"lastModified": "<ISO instant>", "keysAtLastModified": [...]}} under the table name; an operator may write
 * one by hand, and {@code keysAtLastModified} may then be left out.
 */
public record P21Watermark(Instant lastModified, Set<String> keysAtLastModified) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public P21Watermark {
        keysAtLastModified = Set.copyOf(keysAtLastModified);
    }

    /** A watermark that has seen nothing at {@code lastModified} yet. */
    public static P21Watermark at(Instant lastModified) {
        return new P21Watermark(lastModified, Set.of());
    }

    /** The JSON value of the watermark topic; keys sorted so the same watermark always gives the same bytes. */
    public byte[] encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("lastModified", lastModified.toString());
        ArrayNode keys = node.putArray("keysAtLastModified");
        new TreeSet<>(keysAtLastModified).forEach(keys::add);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a watermark", e);
        }
    }

    /** Reads a stored watermark; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static P21Watermark decode(byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("watermark is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.path("lastModified").isTextual()) {
            throw new IllegalArgumentException("watermark has no \"lastModified\" text");
        }
        Instant lastModified = P21Table.parseInstant(node.get("lastModified").asText());
        Set<String> keys = new TreeSet<>();
        JsonNode array = node.path("keysAtLastModified");
        if (!array.isMissingNode() && !array.isNull()) {
            if (!array.isArray()) {
                throw new IllegalArgumentException("watermark's \"keysAtLastModified\" is not an array");
            }
            array.forEach(key -> keys.add(key.asText()));
        }
        return new P21Watermark(lastModified, keys);
    }
}
