package dev.p21bridge.simulators.storefront;

/**
 * What the payment gateway's fraud screen said about an order, when it said anything: X-Cart's {@code fraud_check},
 * Clarity's {@code fraudCheck}.
 *
 * @param status {@code ok}, {@code review} or {@code fraud}
 * @param score  the gateway's risk score, 0-100
 */
public record FraudCheck(String status, int score) {

    public FraudCheck {
        if (!"ok".equals(status) && !"review".equals(status) && !"fraud".equals(status)) {
            throw new IllegalArgumentException("status must be ok, review or fraud, got " + status);
        }
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must lie in 0..100, got " + score);
        }
    }

    /** The gateway asks for a manual review. */
    public static FraudCheck review(int score) {
        return new FraudCheck("review", score);
    }
}
