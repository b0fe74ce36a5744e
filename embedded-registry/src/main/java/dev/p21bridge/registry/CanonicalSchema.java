package dev.p21bridge.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * The identity of a schema in the registry: two schemas with the same canonical form get the same id and never a
 * second version.
 *
 * <p>Avro's parsing canonical form (names, types, fields, symbols, sizes), plus what changes how data is read or
 * understood: logical types with precision and scale, and defaults. Whitespace, key order, docs, namespace spelling
 * and custom properties such as {@code avro.java.string} do not count.
 */
final class CanonicalSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEPT = Set.of("type", "name", "namespace", "fields", "symbols", "items", "values",
            "size", "default", "logicalType", "precision", "scale");

    private CanonicalSchema() {
    }

    /** The canonical form of {@code schema} as compact JSON with sorted keys. */
    static String of(Schema schema) {
        try {
            // Avro's own printer already resolves names and namespaces the same way for equal schemas.
            return JSON.writeValueAsString(strip(JSON.readTree(schema.toString())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(strip(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JSON.createObjectNode();
        for (String key : sortedKeys(node)) {
            if (KEPT.contains(key)) {
                copy.set(key, key.equals("default") ? node.get(key) : strip(node.get(key)));
            }
        }
        return copy;
    }

    private static Set<String> sortedKeys(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
