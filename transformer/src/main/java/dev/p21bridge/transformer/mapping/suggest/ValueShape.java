package dev.p21bridge.transformer.mapping.suggest;

/** What a target's value looks like, so that a sample value can confirm or refute a candidate field. */
enum ValueShape {
    ID("id"),
    TEXT("text"),
    PERSON_NAME("person's name"),
    EMAIL("e-mail"),
    DATE_TIME("date-time"),
    MONEY("money amount"),
    QUANTITY("quantity"),
    CURRENCY("ISO 4217 currency code"),
    COUNTRY("country"),
    REGION("region code"),
    POSTAL_CODE("postal code"),
    PHONE("phone number");

    private final String label;

    ValueShape(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
