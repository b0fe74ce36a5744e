package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.p21.PayableOrderPolicy.Pending;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayableOrderPolicyTest {

    private static Order paid(PaymentStatus status) {
        Order order = SampleOrders.xcart();
        order.getPayment().setStatus(status);
        return order;
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"PAID", "AUTHORIZED", "PARTIALLY_PAID", "PENDING", "UNKNOWN"})
    void shouldCreatePayableOrdersByDefault(PaymentStatus status) {
        assertThat(PayableOrderPolicy.defaults().skipReason(paid(status))).isEmpty();
    }

    @Test
    void shouldNeverCreateADeclinedOrCancelledOrder() {
        for (Pending pending : Pending.values()) {
            PayableOrderPolicy policy = new PayableOrderPolicy(pending);
            assertThat(policy.skipReason(paid(PaymentStatus.DECLINED))).contains("payment declined");
            assertThat(policy.skipReason(paid(PaymentStatus.CANCELLED))).contains("payment cancelled");
            Order cancelled = paid(PaymentStatus.PAID);
            cancelled.setFulfillmentStatus(FulfillmentStatus.CANCELLED);
            assertThat(policy.skipReason(cancelled)).contains("order cancelled by the store");
        }
    }

    @Test
    void shouldSkipAPendingOrderOnlyWhenConfiguredTo() {
        PayableOrderPolicy skip = new PayableOrderPolicy(PayableOrderPolicy.parsePending(" SKIP "));

        assertThat(skip.skipReason(paid(PaymentStatus.PENDING))).hasValueSatisfying(reason ->
                assertThat(reason).contains("pending").contains("BRIDGE_P21_PENDING_ORDERS=skip"));
        assertThat(skip.skipReason(paid(PaymentStatus.AUTHORIZED))).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownPendingMode() {
        assertThat(PayableOrderPolicy.PENDING_ORDERS.defaultValue()).hasToString("create");
        assertThatThrownBy(() -> PayableOrderPolicy.parsePending("later"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("create, skip or hold");
    }

    @Test
    void shouldCreateAPendingOrderOnHoldOnlyInHoldMode() {
        PayableOrderPolicy hold = new PayableOrderPolicy(PayableOrderPolicy.parsePending("hold"));

        assertThat(hold.skipReason(paid(PaymentStatus.PENDING))).isEmpty();
        assertThat(hold.holdReason(paid(PaymentStatus.PENDING))).hasValueSatisfying(reason ->
                assertThat(reason).contains("payment pending"));
        assertThat(hold.holdReason(paid(PaymentStatus.PAID))).isEmpty();
        assertThat(PayableOrderPolicy.defaults().holdReason(paid(PaymentStatus.PENDING))).isEmpty();

        Map<String, String> header = new LinkedHashMap<>();
        new P21OrderMapper().salesOrder(paid(PaymentStatus.PENDING), "100045", hold.holdReason(paid(PaymentStatus.PENDING)))
                .transactions().get(0).dataElements().get(0).rows().get(0).edits()
                .forEach(edit -> header.put(edit.name(), edit.value()));
        assertThat(header).containsEntry("approved", "OFF").containsKey("hold_reason");
    }
}
