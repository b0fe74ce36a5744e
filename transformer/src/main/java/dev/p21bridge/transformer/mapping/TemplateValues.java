package dev.p21bridge.transformer.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.transformer.normalize.MappingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A template's result back into JSON (payloads go in through {@link JsonViews}, every decimal a {@link BigDecimal}).
 * A binary floating-point number is refused, because it can only come from arithmetic in the template ({@code price * amount}), which JSONata
 * does in doubles: amounts must be computed with the money functions ({@link TemplateFunctions}).
 */
public final class TemplateValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TemplateValues() {
    }

    /**
     * A template's result as JSON; {@code template} names the file in the message when the result holds a
     * floating-point number or a value JSON has no form for.
     */
    public static JsonNode toJson(Object value, String template) {
        return toJson(value, template, "$");
    }

    private static JsonNode toJson(Object value, String template, String path) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> {
                if (element != null && element != Jsonata.NULL_VALUE) {
                    object.set(key.toString(), toJson(element, template, path + "." + key));
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toJson(list.get(i), template, path + "[" + i + "]"));
            }
            return array;
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof BigInteger integer) {
            return NODES.numberNode(integer);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            throw new MappingException(template + " produced a floating-point number at " + path + ": amounts must"
                    + " stay exact, so compute them with $money, $moneySum, $moneyAbs or $moneyTimes, not + - * /");
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        throw new MappingException(template + " produced a value JSON cannot hold at " + path + " ("
                + value.getClass().getSimpleName() + ")");
    }
}
