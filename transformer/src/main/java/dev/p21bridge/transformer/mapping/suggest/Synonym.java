package dev.p21bridge.transformer.mapping.suggest;

/**
 * One name a storefront may give a target field, with how strongly it suggests the target (1 for the field's own
 * name, less for a name that often means something close) and how the value must be reshaped when it is taken from a
 * field of that name: a {@code street} holds every line of an address, a {@code name} a whole person's name.
 */
record Synonym(NameTokens name, double weight, Reshape reshape) {

    /** How a value found under this name becomes the target's value in the template. */
    enum Reshape {
        AS_IS, FIRST_LINE, SECOND_LINE, FIRST_NAME, LAST_NAME
    }

    static Synonym of(String phrase, double weight) {
        return new Synonym(NameTokens.of(phrase), weight, Reshape.AS_IS);
    }

    static Synonym of(String phrase, double weight, Reshape reshape) {
        return new Synonym(NameTokens.of(phrase), weight, reshape);
    }
}
