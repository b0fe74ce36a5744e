package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskAssessment;
import dev.p21bridge.schemas.RiskReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskPolicyTest {

    /** {@code order} as the transformer scores it: 72, velocity and a country mismatch, with {@code action}. */
    static Order scored(Order order, RiskAction action) {
        return Order.newBuilder(order).setRisk(new RiskAssessment(72, action, List.of(
                new RiskReason("velocity-email", "5 orders in 10 min", 40),
                new RiskReason("country-mismatch", "US/NG", 32)), "3")).build();
    }

    @Test
    void shouldNameTheScoreAndTheReasonsHighestFirst() {
        Order held = scored(SampleOrders.xcart(), RiskAction.HOLD);

        assertThat(RiskPolicy.holdReason(held))
                .contains("risk 72: velocity-email 5 orders in 10 min; country-mismatch US/NG");
        assertThat(RiskPolicy.reasonLines(held.getRisk()))
                .containsExactly("velocity-email 5 orders in 10 min (40)", "country-mismatch US/NG (32)");
        assertThat(RiskPolicy.rejection(held)).isEmpty();
    }

    @Test
    void shouldKeepTheHoldReasonWithinP21sFieldDroppingWholeReasonsThatDoNotFit() {
        RiskAssessment many = new RiskAssessment(100, RiskAction.HOLD, List.of(
                new RiskReason("velocity-card", "x".repeat(120), 50),
                new RiskReason("velocity-email", "y".repeat(120), 40),
                new RiskReason("country-mismatch", "US/NG", 10)), null);
        RiskAssessment huge = new RiskAssessment(90, RiskAction.HOLD, List.of(
                new RiskReason("blocked-address", "z".repeat(400), 90)), null);

        String text = RiskPolicy.reasonText(many);
        assertThat(text).hasSizeLessThanOrEqualTo(RiskPolicy.HOLD_REASON_LENGTH).startsWith("risk 100: velocity-card")
                .doesNotContain("velocity-email").doesNotEndWith("...");
        assertThat(RiskPolicy.reasonText(huge)).hasSize(RiskPolicy.HOLD_REASON_LENGTH).endsWith("...");
    }

    @Test
    void shouldActOnlyOnTheScoreOfANewOrder() {
        Order update = Order.newBuilder(scored(SampleOrders.xcart(), RiskAction.REJECT))
                .setChangeType(ChangeType.UPDATED).build();

        assertThat(RiskPolicy.rejection(update)).isEmpty();
        assertThat(RiskPolicy.holdReason(update)).isEmpty();
        assertThat(RiskPolicy.holds(SampleOrders.xcart())).as("no score: as today").isFalse();
        assertThat(RiskPolicy.rejection(scored(SampleOrders.xcart(), RiskAction.PASS))).isEmpty();
        assertThat(RiskPolicy.rejection(scored(SampleOrders.xcart(), RiskAction.REJECT)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("rejected by the risk rules, risk 72"));
    }
}
