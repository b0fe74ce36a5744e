package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.transformer.normalize.FieldLimits;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A storefront order through a mapping set: the source's template makes the mapped order, the rules change what they
 * may, and {@link MappedOrderReader} makes the canonical order of it. Failures name the file that failed (a template
 * or rule, with line and column when JSONata knows them) or the mapped field that is wrong.
 */
public final class TemplateOrderMapper {

    /** The canonical order and how it came about, for the transformer and for {@code preview}. */
    public record MappedOrder(Order order, JsonNode mapped, List<String> rulesFired, int mappingVersion) {
    }

    private final CompiledMappingSet set;
    private final MappedOrderReader reader;
    private final P21Defaults defaults;

    public TemplateOrderMapper(CompiledMappingSet set, SkuCrossReference skus, P21Defaults defaults) {
        this.set = set;
        this.reader = new MappedOrderReader(skus, defaults);
        this.defaults = defaults;
    }

    public int version() {
        return set.version();
    }

    public MappedOrder order(RawEvent event) {
        Template template = set.orderTemplate(event.sourceName()).orElseThrow(() -> new MappingException(
                "mapping set version " + set.version() + " has no " + MappingSet.ORDERS + event.sourceName()
                        + ".jsonata to map this source's orders; apply a set that has one"));
        JsonNode result = TemplateValues.toJson(template.evaluate(TemplateValues.toTemplateInput(event.body())),
                template.file());
        if (!result.isObject()) {
            throw new MappingException(template.file() + " gave " + result.getNodeType().name().toLowerCase()
                    + " for this payload; an order template gives an object (docs/mappings.md)");
        }
        ObjectNode mapped = (ObjectNode) result;
        mapped.put("source", event.sourceName());
        ObjectNode p21 = mapped.has("p21") && mapped.get("p21").isObject() ? (ObjectNode) mapped.get("p21")
                : mapped.putObject("p21");
        // the configured defaults, where the template did not choose (rules see them and may change them)
        putIfAbsent(p21, "salesLocationId", defaults.salesLocationId());
        putIfAbsent(p21, "sourceLocationId", defaults.sourceLocationId());
        putIfAbsent(p21, "taker", defaults.taker());
        numbersAsNumbers(mapped);
        List<String> fired = OrderRules.apply(set.rules(), mapped);
        try {
            return new MappedOrder(reader.read(event, JsonFields.root(mapped)), mapped, fired, set.version());
        } catch (MappingException e) {
            throw new MappingException(template.file() + " mapped an order that cannot be read: " + e.getMessage());
        } catch (ValidationException e) {
            throw new ValidationException(e.getMessage() + " (mapped by " + template.file() + ")");
        }
    }

    /**
     * Amounts and quantities a store sends as text (Clarity's {@code "1367.69"}) as exact numbers, so a rule compares
     * {@code totals.total > 5000} whatever the store; a text that is no number stays for the reader to refuse.
     */
    private static void numbersAsNumbers(ObjectNode mapped) {
        asNumbers(mapped.get("totals"), List.of("subtotal", "tax", "shipping", "discount", "total"));
        asNumbers(mapped.get("payment"), List.of("amount"));
        JsonNode lines = mapped.get("lines");
        if (lines != null && lines.isArray()) {
            lines.forEach(line -> asNumbers(line, List.of("quantity", "unitPrice", "tax")));
        }
    }

    private static void asNumbers(JsonNode section, List<String> fields) {
        if (section == null || !section.isObject()) {
            return;
        }
        for (String field : fields) {
            JsonNode value = section.get(field);
            if (value != null && value.isTextual() && value.asText().length() <= FieldLimits.NUMBER_TEXT) {
                try {
                    ((ObjectNode) section).put(field, new BigDecimal(value.asText().trim()));
                } catch (NumberFormatException e) {
                    // left as it is: the reader names the field and the text
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }
}
