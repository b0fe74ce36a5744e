package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A JSON tree seen as the maps, lists and exact numbers JSONata reads, converted only where a template looks: a
 * template reads a few dozen of a payload's hundreds of values, and copying the whole tree for it cost more than the
 * template itself (docs/benchmarks.md, mapping). Read-only, as JSONata treats its input.
 */
final class JsonViews {

    private JsonViews() {
    }

    /** The value of {@code node}: a view for an object or array, the converted value otherwise, null for JSON null. */
    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return new ObjectView((ObjectNode) node);
        }
        if (node.isArray()) {
            return new ArrayView((ArrayNode) node);
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static final class ObjectView extends AbstractMap<String, Object> {
        private final ObjectNode node;
        /**
         * The views of the objects and arrays in it, made once: a template reads some many times (each line, each
         * filter), and a view keeps what was read through it. A text, number or boolean is read from the node each
         * time, which costs less than remembering it.
         */
        private Map<String, Object> containers;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            JsonNode value = node.get(name);
            if (value == null || !value.isContainerNode()) {
                return of(value);
            }
            if (containers == null) {
                containers = new HashMap<>(8);
            }
            return containers.computeIfAbsent(name, field -> of(value));
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> field = fields.next();
                            return new SimpleImmutableEntry<>(field.getKey(), of(field.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    private static final class ArrayView extends AbstractList<Object> {
        private final ArrayNode node;
        private Object[] seen;

        ArrayView(ArrayNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            if (seen == null) {
                seen = new Object[node.size()];
            }
            Object value = seen[index];
            if (value == null && !node.get(index).isNull()) {
                value = of(node.get(index));
                seen[index] = value;
            }
            return value;
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
