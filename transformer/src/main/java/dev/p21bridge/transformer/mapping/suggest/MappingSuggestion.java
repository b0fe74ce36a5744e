package dev.p21bridge.transformer.mapping.suggest;

import java.util.List;
import java.util.Optional;

/**
 * A drafted mapping for a storefront the bridge has not seen: the JSONata template text, with a comment giving the
 * confidence and evidence before each field, and the same per target, including the targets nothing was found for.
 * A draft for an operator to review, never to apply unread.
 *
 * @param source the storefront's name, as the operator gave it
 * @param template the JSONata template text
 * @param fields one suggestion per target, in the order of the mapped order's fields
 */
public record MappingSuggestion(String source, String template, List<FieldSuggestion> fields) {

    public MappingSuggestion {
        fields = List.copyOf(fields);
    }

    public Optional<FieldSuggestion> field(String target) {
        return fields.stream().filter(field -> field.target().equals(target)).findFirst();
    }
}
