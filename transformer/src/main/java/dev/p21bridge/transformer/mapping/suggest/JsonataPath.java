package dev.p21bridge.transformer.mapping.suggest;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Path steps written as JSONata reads them: a plain name as it is, any other in backticks ({@code `order-id`}), so a
 * drafted template parses whatever a storefront calls its fields.
 */
final class JsonataPath {

    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Set<String> RESERVED = Set.of("and", "or", "in", "true", "false", "null", "function");

    private JsonataPath() {
    }

    static String step(String key) {
        if (PLAIN.matcher(key).matches() && !RESERVED.contains(key)) {
            return key;
        }
        return "`" + key.replace("`", "'") + "`";
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? step(key) : parent + "." + step(key);
    }

    /** {@code parent[field='value']}: the elements of an array whose {@code field} is {@code value}. */
    static String filtered(String array, String field, String value) {
        return array + "[" + step(field) + "='" + value.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
