package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every value a template could read from one sample payload: each scalar by its path; an array of scalars by its
 * first elements ({@code street[0]}); an array of objects as a whole (where lines may be), through its first element
 * ({@code shipping_assignments[0].shipping.address.city}), and by the sums of its numeric fields
 * ({@code shipping_lines.price}, or {@code surcharges[type='tax'].value} where a field such as {@code type} tells the
 * elements apart). Bounded, so a hostile payload cannot make it walk forever.
 */
final class PayloadPaths {

    private static final int MAX_DEPTH = 10;
    private static final int MAX_FIELDS = 5_000;
    private static final int SCALAR_ELEMENTS = 3;
    /** At most this many kinds in one array, each a word or a few ({@code SALES_TAX}), no digits. */
    private static final int MAX_KINDS = 8;
    private static final Pattern KIND = Pattern.compile("^[A-Za-z][A-Za-z _-]{0,29}$");
    /** Fields that tell the elements of an array apart, best first. */
    private static final List<String> DISCRIMINATORS = List.of("type", "kind", "category", "code");
    /** Words of an array's name that only say it is a list. */
    private static final Set<String> LIST_WORDS = Set.of("line", "lines", "item", "items", "list", "entries");

    private final List<SourceField> fields = new ArrayList<>();
    private final List<ObjectArray> arrays = new ArrayList<>();

    private PayloadPaths() {
    }

    /** The fields and arrays of a whole order. */
    static PayloadPaths of(JsonNode root) {
        PayloadPaths paths = new PayloadPaths();
        paths.walk(root, new Where("", List.of(), null, false, 0, 0));
        return paths;
    }

    /**
     * The fields of the elements of an array of lines, relative to one element, each with one value per element
     * (missing where an element lacks the field).
     */
    static List<SourceField> ofElements(ObjectArray array) {
        Map<String, SourceField> first = new LinkedHashMap<>();
        List<Map<String, JsonNode>> perElement = new ArrayList<>();
        for (JsonNode element : array.elements()) {
            PayloadPaths paths = new PayloadPaths();
            paths.walk(element, new Where("", List.of(), null, false, 0, 0));
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (SourceField field : paths.fields) {
                first.putIfAbsent(field.path(), field);
                values.put(field.path(), field.value());
            }
            perElement.add(values);
        }
        List<SourceField> merged = new ArrayList<>();
        for (SourceField field : first.values()) {
            List<JsonNode> values = perElement.stream()
                    .map(element -> element.getOrDefault(field.path(), MissingNode.getInstance())).toList();
            merged.add(new SourceField(field.path(), field.name(), field.qualifiedName(), field.context(), values,
                    field.summed(), field.firstElementSteps(), field.depth()));
        }
        return merged;
    }

    List<SourceField> fields() {
        return List.copyOf(fields);
    }

    List<ObjectArray> arrays() {
        return List.copyOf(arrays);
    }

    /**
     * Where the walk is: the path so far, the words of the objects it is in, the parent's name, and whether the parent
     * is an array whose first element this is.
     */
    private record Where(String path, List<String> context, NameTokens parent, boolean inElement,
                         int firstElementSteps, int depth) {
        Where into(String key, String childPath, boolean firstElement) {
            List<String> words = new ArrayList<>(context);
            words.addAll(NameTokens.of(key).words());
            return new Where(childPath, words, NameTokens.of(key), firstElement,
                    firstElementSteps + (firstElement ? 1 : 0), depth + 1);
        }
    }

    private void walk(JsonNode node, Where where) {
        if (!node.isObject() || where.depth() >= MAX_DEPTH) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext() && fields.size() < MAX_FIELDS) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String path = JsonataPath.child(where.path(), key);
            if (value.isObject()) {
                walk(value, where.into(key, path, false));
            } else if (value.isArray()) {
                array(key, path, value, where);
            } else {
                add(path, NameTokens.of(key), qualified(key, where), where.context(), value, false, where);
            }
        }
    }

    private void array(String key, String path, JsonNode array, Where where) {
        if (array.isEmpty()) {
            return;
        }
        boolean objects = true;
        for (JsonNode element : array) {
            objects &= element.isObject();
        }
        if (!objects) {
            for (int i = 0; i < Math.min(SCALAR_ELEMENTS, array.size()); i++) {
                if (array.get(i).isValueNode()) {
                    List<String> words = new ArrayList<>(NameTokens.of(key).words());
                    words.add(String.valueOf(i + 1));
                    add(path + "[" + i + "]", new NameTokens(words), null, where.context(), array.get(i), false, where);
                }
            }
            return;
        }
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        arrays.add(new ObjectArray(path, NameTokens.of(key), elements, where.firstElementSteps(), where.depth() + 1));
        sums(key, path, elements, where);
        walk(array.get(0), where.into(key, path + "[0]", true));
    }

    /** The sums of an array's numeric fields, overall and, where a field tells the elements apart, by kind. */
    private void sums(String key, String path, List<JsonNode> elements, Where where) {
        List<String> listName = NameTokens.of(key).words().stream().filter(word -> !LIST_WORDS.contains(word)).toList();
        Iterator<String> names = elements.get(0).fieldNames();
        String discriminator = DISCRIMINATORS.stream().filter(field -> tellsApart(elements, field)).findFirst()
                .orElse(null);
        while (names.hasNext()) {
            String field = names.next();
            if (field.equals(discriminator)) {
                continue;
            }
            List<String> fieldWords = meaningful(NameTokens.of(field).words());
            sum(elements, field, null).ifPresent(total -> add(path + "." + JsonataPath.step(field),
                    new NameTokens(concat(listName, fieldWords)), null, where.context(), total, true, where));
            if (discriminator == null) {
                continue;
            }
            for (String kind : elements.stream().map(element -> element.path(discriminator).asText()).distinct().toList()) {
                List<String> kindWords = NameTokens.of(kind).words();
                sum(elements, field, element -> element.path(discriminator).asText().equals(kind))
                        .ifPresent(total -> add(JsonataPath.filtered(path, discriminator, kind) + "."
                                + JsonataPath.step(field), new NameTokens(concat(kindWords, fieldWords)), null,
                                where.context(), total, true, where));
            }
        }
    }

    /**
     * Whether a field sorts the elements into a few kinds named by words ({@code tax}, {@code shipping}): a field
     * with a code per element (a SKU) is no kind, and summing by it would cost a pass per element.
     */
    private static boolean tellsApart(List<JsonNode> elements, String field) {
        Set<String> kinds = new HashSet<>();
        for (JsonNode element : elements) {
            JsonNode kind = element.path(field);
            if (!kind.isTextual() || !KIND.matcher(kind.asText()).matches() || (kinds.add(kind.asText())
                    && kinds.size() > MAX_KINDS)) {
                return false;
            }
        }
        return true;
    }

    /** The sum of a field over the elements the filter takes; empty unless every one of them has a number there. */
    private static Optional<JsonNode> sum(List<JsonNode> elements, String field,
                                         Predicate<JsonNode> filter) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode element : elements) {
            if (filter != null && !filter.test(element)) {
                continue;
            }
            Optional<BigDecimal> value = ValueShapes.decimal(element.get(field));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            total = total.add(value.get());
        }
        return Optional.of(DecimalNode.valueOf(total));
    }

    private void add(String path, NameTokens name, NameTokens qualifiedName, List<String> context, JsonNode value,
                     boolean summed, Where where) {
        if (fields.size() < MAX_FIELDS) {
            fields.add(new SourceField(path, name, qualifiedName, context, List.of(value), summed,
                    where.firstElementSteps(), where.depth() + 1));
        }
    }

    /**
     * The parent's words and the key's, when the key alone says little ({@code currency.code}, {@code customer.id})
     * or the parent is an array, whose elements have no name of their own ({@code shipping_lines[0].method_title}).
     */
    private static NameTokens qualified(String key, Where where) {
        List<String> words = NameTokens.of(key).words();
        if (where.parent() == null || words.isEmpty()) {
            return null;
        }
        if (where.inElement()) {
            List<String> array = where.parent().words().stream().filter(word -> !LIST_WORDS.contains(word)).toList();
            return new NameTokens(concat(array, words));
        }
        return words.stream().allMatch(NameSimilarity::isGeneric) ? new NameTokens(concat(where.parent().words(), words))
                : null;
    }

    /** A field's words without those that say little ({@code surcharges[type='tax'].value} is the tax). */
    private static List<String> meaningful(List<String> words) {
        return words.stream().filter(word -> !NameSimilarity.isGeneric(word)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
