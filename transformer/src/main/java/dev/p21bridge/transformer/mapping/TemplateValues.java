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
 * A binary floating-point number is refused, because it can only come from arithmetic in the template
 * ({@code price * amount}), which JSONata does in doubles: amounts must be computed with the money functions
 * ({@link TemplateFunctions}).
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
        try {
            return toJson(value);
        } catch (Unwritable e) {
            throw new MappingException(template + " produced " + e.what + " at $" + e.path + e.advice);
        }
    }

    /**
     * A value JSON has no form for, and where it stands; the path is built as the walk unwinds, so a result that is
     * written whole (every record, nearly) builds none.
     */
    private static final class Unwritable extends RuntimeException {
        private final String what;
        private final String advice;
        private String path = "";

        Unwritable(String what, String advice) {
            super(what, null, false, false);
            this.what = what;
            this.advice = advice;
        }

        Unwritable under(String segment) {
            path = segment + path;
            return this;
        }
    }

    private static JsonNode toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> {
                if (element != null && element != Jsonata.NULL_VALUE) {
                    try {
                        object.set(key.toString(), toJson(element));
                    } catch (Unwritable e) {
                        throw e.under("." + key);
                    }
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                try {
                    array.add(toJson(list.get(i)));
                } catch (Unwritable e) {
                    throw e.under("[" + i + "]");
                }
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
            throw new Unwritable("a floating-point number", ": amounts must stay exact, so compute them with $money,"
                    + " $moneySum, $moneyAbs or $moneyTimes, not + - * /");
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        throw new Unwritable("a value JSON cannot hold", " (" + value.getClass().getSimpleName() + ")");
    }
}
