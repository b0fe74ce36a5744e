package dev.p21bridge.transformer.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts bound over JSONata's built-ins answer every call as the built-in does: the same value, or the same
 * error, for texts, nothing, JSON null, numbers, booleans, objects, arrays, a missing argument (the context stands
 * in) and too many arguments.
 */
class UncheckedBuiltInsTest {

    private static final List<String> CALLS = List.of(
            "$exists(number)", "$exists(missing)", "$exists(jsonNull)", "$exists(list)", "$exists()",
            "$lowercase(text)", "$lowercase(missing)", "$lowercase(jsonNull)", "$lowercase(number)", "$lowercase()",
            "$lowercase(text, text)", "$lowercase(single)", "object.$lowercase()", "list.$lowercase()",
            "$uppercase(text)", "$uppercase(missing)", "$uppercase(jsonNull)", "$uppercase(list)", "$uppercase(flag)",
            "$string(text)", "$string(missing)", "$string(jsonNull)", "$string(number)", "$string(flag)", "$string()",
            "$string(object)", "$string(single)", "$string(text, true)", "object.$string()",
            "$not(flag)", "$not(missing)", "$not(jsonNull)", "$not(text)", "$not(number)", "$not()", "$not(list)");

    @Test
    void shouldAnswerEveryCallAsTheBuiltInDoes() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("text", " MiXeD İstanbul ");
        input.put("jsonNull", null);
        input.put("number", new BigDecimal("1.50"));
        input.put("flag", true);
        input.put("object", new LinkedHashMap<>(Map.of("key", "Value")));
        input.put("list", List.of("A", "b"));
        input.put("single", List.of("Q"));

        for (String call : CALLS) {
            assertThat(result(call, input, true)).as(call).isEqualTo(result(call, input, false));
        }
    }

    private static String result(String call, Object input, boolean shortcuts) {
        Jsonata expression = Jsonata.jsonata(call);
        if (shortcuts) {
            UncheckedBuiltIns.bind(expression::assign);
        }
        try {
            Object value = expression.evaluate(input);
            return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
        } catch (RuntimeException e) {
            return "error " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }
}
