package dev.p21bridge.simulators.storefront;

/**
 * What a store knows about the shopper behind an order, and for a generated risky order the truth. Every field may be
 * null: orders kept before these existed have none, a purchase order has no card.
 *
 * @param clientIp        the shopper's IPv4 address at checkout
 * @param cardFingerprint the gateway's fingerprint of the card ({@code fp_<16 hex>}), never the card number
 * @param fraudCheck      the gateway's fraud screen, null when it had nothing to say
 * @param pattern         the risky pattern the order imitates, null for a normal order
 */
public record OrderRisk(String clientIp, String cardFingerprint, FraudCheck fraudCheck, RiskPattern pattern) {

    /** Nothing known: orders kept before these fields existed. */
    public static final OrderRisk NONE = new OrderRisk(null, null, null, null);
}
