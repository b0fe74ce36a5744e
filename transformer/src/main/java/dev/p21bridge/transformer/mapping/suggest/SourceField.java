package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A value a template could read, found by walking one sample payload.
 *
 * @param path JSONata path from the payload (or, for a field of the lines, from one line)
 * @param name the words of its name; for a sum over an array, the array's name and the field's
 * @param qualifiedName the parent's words before a name that says little alone ({@code currency.code}) or that sits
 *        in an array's element ({@code shipping_lines[0].title}); null otherwise
 * @param context the words of the objects and arrays it sits in
 * @param values the sample value, or for a field of the lines one value per line (missing where a line lacks it)
 * @param summed whether the path crosses an array and its values are added up ({@code shipping_lines.price})
 * @param firstElementSteps how many arrays the path enters at their first element ({@code [0]})
 * @param depth how many names the path has
 */
record SourceField(String path, NameTokens name, NameTokens qualifiedName, List<String> context, List<JsonNode> values,
                   boolean summed, int firstElementSteps, int depth) {

    SourceField {
        context = List.copyOf(context);
        values = List.copyOf(values);
    }

    /** The value of a field of the whole order. */
    JsonNode value() {
        return values.get(0);
    }
}
