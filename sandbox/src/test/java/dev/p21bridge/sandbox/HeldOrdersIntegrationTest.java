package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code BRIDGE_P21_PENDING_ORDERS=hold} end to end (docs/payable-orders.md): an order whose payment is pending
 * (a purchase order) is created in P21 on hold with the reason, a paid one open; the store that knows a hold shows
 * it (Clarity "On Hold"), and a release in P21 shows the order confirmed again.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class HeldOrdersIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_P21_PENDING_ORDERS", "hold"));

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldCreateAPendingOrderOnHoldAndShowItsReleaseInTheStore() throws InterruptedException {
        StorefrontSimulator clarity = bridge.system().clarity();
        List<String> ids = clarity.checkout(CheckoutRequest.of(40).withRates(0.0, 0));
        String pending = firstWithPayment(clarity, ids, "Payment Pending").orElseThrow(() ->
                new AssertionError("no purchase-order (pending) order among 40 generated ones"));
        String paid = ids.stream().filter(id -> !id.equals(pending)
                && !"Payment Pending".equals(clarity.paymentStatus(clarity.order(id).orElseThrow().order())))
                .findFirst().orElseThrow();

        P21Order held = awaitP21Order("clarity:" + pending);
        P21Order open = awaitP21Order("clarity:" + paid);
        assertThat(held.held()).as("pending order on hold in P21").isTrue();
        assertThat(held.holdReason()).contains("payment pending");
        assertThat(open.held()).as("paid order open").isFalse();
        Await.until("Clarity shows the held order On Hold", WAIT,
                () -> "On Hold".equals(clarity.order(pending).orElseThrow().status()),
                () -> clarity.order(pending).orElseThrow().status());

        bridge.system().p21().release(held.orderNo());

        Await.until("Clarity shows the released order Confirmed", WAIT,
                () -> "Confirmed".equals(clarity.order(pending).orElseThrow().status()),
                () -> clarity.order(pending).orElseThrow().status());
        assertThat(bridge.system().p21().orders().stream().filter(o -> o.orderNo().equals(held.orderNo()))
                .findFirst().orElseThrow().held()).isFalse();
    }

    private static Optional<String> firstWithPayment(StorefrontSimulator store, List<String> ids, String status) {
        return ids.stream().filter(id -> status.equals(store.paymentStatus(store.order(id).orElseThrow().order())))
                .findFirst();
    }

    private static P21Order awaitP21Order(String reference) throws InterruptedException {
        Await.until("P21 order of " + reference, WAIT, () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals(reference)));
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(reference))
                .findFirst().orElseThrow();
    }
}
