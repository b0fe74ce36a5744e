package dev.p21bridge.transformer.mapping.suggest;

import java.util.List;

/**
 * One field of the mapped order a template must produce.
 *
 * @param name its path in the mapped order: {@code customer.email}, {@code lines[].sku} for a field of each line
 * @param place where in the order it belongs
 * @param shape what its value looks like
 * @param weight how much it counts: {@link #REQUIRED} (the bridge refuses an order without it), {@link #IMPORTANT}
 *        (P21 needs it for most orders) or {@link #OPTIONAL}
 * @param group targets that never share a source field (an order's id is not its number); null for none
 * @param synonyms the names storefronts give it
 */
record Target(String name, Place place, ValueShape shape, int weight, String group, List<Synonym> synonyms) {

    static final int REQUIRED = 2;
    static final int IMPORTANT = 1;
    static final int OPTIONAL = 0;
    static final String LINES_PREFIX = "lines[].";

    Target {
        synonyms = List.copyOf(synonyms);
    }

    boolean isLineField() {
        return name.startsWith(LINES_PREFIX);
    }

    boolean required() {
        return weight == REQUIRED;
    }

    /** Required or important: the targets a suggestion is scored on. */
    boolean scored() {
        return weight >= IMPORTANT;
    }

    /** The last part of the name: {@code postalCode} for {@code billingAddress.postalCode}. */
    String leaf() {
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf(']')) + 1);
    }
}
