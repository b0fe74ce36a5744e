package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.transformer.normalize.MappingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a mapping set over one mapped order. Each rule is a JSONata expression over the order (with its
 * {@code source} and the {@code p21} defaults) that gives a patch object, or nothing when it does not apply
 * ({@code totals.total > 5000 ? {"p21": {"salesRepId": "1007"}}}). Patches apply in the order of the rules' file
 * names, each rule seeing what the earlier ones set. A rule may set what P21 needs and a storefront does not decide
 * ({@link #SETTABLE}); amounts, lines and the buyer stay as the storefront sent them, so no rule can make P21's total
 * differ from the store's.
 */
final class OrderRules {

    /** What a rule may set, as {@code section.field} or a top-level field. */
    static final Set<String> SETTABLE = Set.of("p21.salesLocationId", "p21.sourceLocationId", "p21.taker",
            "p21.salesRepId", "p21.shipViaId", "payment.poNumber", "payment.terms", "payment.method",
            "shippingMethod", "notes");

    private OrderRules() {
    }

    /**
     * Applies every rule to {@code order} in place.
     *
     * @return the files of the rules that set something
     */
    static List<String> apply(List<Template> rules, ObjectNode order) {
        List<String> fired = new ArrayList<>();
        for (Template rule : rules) {
            JsonNode patch = TemplateValues.toJson(rule.evaluate(JsonViews.of(order)), rule.file());
            if (patch.isNull() || (patch.isObject() && patch.isEmpty())) {
                continue;
            }
            if (!patch.isObject()) {
                throw new MappingException(rule.file() + " gave " + patch.getNodeType().name().toLowerCase()
                        + "; a rule gives an object of what it sets, or nothing");
            }
            merge(rule.file(), (ObjectNode) patch, order);
            fired.add(rule.file());
        }
        return fired;
    }

    private static void merge(String file, ObjectNode patch, ObjectNode order) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                ObjectNode section = order.has(field.getKey()) && order.get(field.getKey()).isObject()
                        ? (ObjectNode) order.get(field.getKey()) : order.putObject(field.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> inner = field.getValue().fields(); inner.hasNext(); ) {
                    Map.Entry<String, JsonNode> value = inner.next();
                    String path = field.getKey() + "." + value.getKey();
                    section.set(value.getKey(), settable(file, path, value.getValue()));
                }
            } else {
                order.set(field.getKey(), settable(file, field.getKey(), field.getValue()));
            }
        }
    }

    private static JsonNode settable(String file, String path, JsonNode value) {
        if (!SETTABLE.contains(path)) {
            throw new MappingException(file + " sets " + path + ", which a rule may not change (it may set: "
                    + SETTABLE.stream().sorted().toList() + ")");
        }
        if (!value.isValueNode()) {
            throw new MappingException(file + " sets " + path + " to " + value.getNodeType().name().toLowerCase()
                    + "; it takes a text");
        }
        return value;
    }
}
