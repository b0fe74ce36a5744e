package dev.p21bridge.transformer.mapping.suggest;

import java.util.List;

/**
 * What the suggester proposes for one target of the mapped order.
 *
 * @param target the field of the mapped order: {@code billingAddress.postalCode}, {@code lines[].sku}
 * @param sourcePath the JSONata path in the sample that fills it, from the payload's root (a line field's path runs
 *        through the lines array: {@code line_items.sku}); null when nothing was found
 * @param confidence from 0 (nothing found) to 0.95: one sample never makes a guess certain
 * @param evidence why: name, value shape, place, arithmetic; or {@code no candidate}
 */
public record FieldSuggestion(String target, String sourcePath, double confidence, List<String> evidence) {

    public FieldSuggestion {
        evidence = List.copyOf(evidence);
    }

    public boolean found() {
        return sourcePath != null;
    }
}
