package dev.p21bridge.simulators.storefront;

/**
 * The kind of fraud a generated risky order imitates ({@code POST /sim/checkout} with {@code "risk"}). The order's
 * payload never says it: it is the truth a test or benchmark compares the bridge's holds with.
 */
public enum RiskPattern {
    /** Runs of 6-10 cheap card orders from one new IP and e-mail, a different card on each: someone testing cards. */
    CARD_TESTING("card-testing"),
    /** A new buyer billed abroad shipping to a US freight forwarder ({@link FreightForwarder#ADDRESSES}). */
    RESHIPPER("reshipper"),
    /** A new buyer's first order, far above the store's usual, billed in the US and shipped abroad. */
    HIGH_VALUE_ABROAD("high-value-abroad");

    private final String word;

    RiskPattern(String word) {
        this.word = word;
    }

    /** The name {@code POST /sim/checkout}'s {@code risky} and {@code GET /sim/orders/{id}}'s {@code risk_pattern} use. */
    public String word() {
        return word;
    }
}
