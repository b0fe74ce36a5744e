package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderReturn;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code ./bridge up --demo} adds to the trickle, on a running bridge: the demo ships and invoices the stores'
 * orders in P21, opens returns through the stores, and receives their RMAs, so each flow reaches the store again
 * (shipped, invoiced, refunded). Ticks are driven by the test, a few orders at a time.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DemoCashFlowIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_P21_POLL_SHIPMENTS", "1s",
            "BRIDGE_P21_POLL_ORDERS", "1s", "BRIDGE_P21_POLL_INVOICES", "1s", "BRIDGE_P21_POLL_RECEIPTS", "1s"));

    private static final int ORDERS_PER_STORE = 4;
    private static final int MAX_PER_STEP = 3;
    /**
     * Time for the bridge to carry each change to the store before the next is made: Clarity leaves a shipment that
     * arrives after the order's invoice as it is, so an invoice made too soon would hide the tracking number.
     */
    private static final Duration DWELL = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldShipInvoiceReturnAndReceiveTheStoresOrdersAFewATick() {
        List<String> keys = new ArrayList<>();
        bridge.system().xcart().checkout(CheckoutRequest.of(ORDERS_PER_STORE).withRates(0.0, 0))
                .forEach(id -> keys.add("xcart:" + id));
        bridge.system().clarity().checkout(CheckoutRequest.of(ORDERS_PER_STORE).withRates(0.0, 0))
                .forEach(id -> keys.add("clarity:" + id));
        Await.until("the orders in P21", WAIT, () -> p21Orders(keys).size() == keys.size());
        // a purchase order was not paid through the store, so nothing of it is returned there
        List<String> paid = keys.stream().filter(key -> storeOrder(key).order().captured().signum() > 0).toList();
        assertThat(paid).isNotEmpty();

        // every invoiced order paid in the store is returned here, so each flow is seen on every such order
        DemoCashFlow demo = new DemoCashFlow(bridge.system().p21(), Map.of("xcart", bridge.system().xcart(),
                "clarity", bridge.system().clarity()), new DemoCashFlow.Settings(Duration.ofSeconds(1), DWELL,
                100, MAX_PER_STEP, 21), Clock.systemUTC());
        List<DemoCashFlow.Tick> ticks = new ArrayList<>();
        Await.until("every order invoiced and every paid one's RMA received", WAIT, () -> {
            ticks.add(demo.tick());
            Set<String> orderNos = p21Orders(keys).stream().filter(o -> o.status().equals("invoiced"))
                    .map(P21Order::orderNo).collect(Collectors.toSet());
            return orderNos.size() == keys.size() && bridge.system().p21().rmas().stream()
                    .filter(rma -> orderNos.contains(rma.originalOrderNo()) && rma.status().equals("credited"))
                    .count() == paid.size();
        }, () -> "P21 " + p21Orders(keys).stream().map(P21Order::status).toList() + ", RMAs "
                + bridge.system().p21().rmas().stream().map(P21Order::status).toList());

        assertThat(ticks).allSatisfy(tick -> assertThat(Stream.of(tick.shipped(), tick.invoiced(), tick.returned(),
                tick.received())).allMatch(n -> n <= MAX_PER_STEP));
        assertThat(ticks.stream().mapToInt(DemoCashFlow.Tick::shipped).sum()).isEqualTo(keys.size());
        assertThat(ticks.stream().mapToInt(DemoCashFlow.Tick::returned).sum()).isEqualTo(paid.size());
        Await.until("every store order shipped and every paid one's return refunded", WAIT, () -> keys.stream()
                .allMatch(key -> {
                    OrderView order = storeOrder(key);
                    List<OrderReturn> returns = order.order().cash().returns();
                    return !order.trackingNumbers().isEmpty() && returns.size() == (paid.contains(key) ? 1 : 0)
                            && returns.stream().allMatch(OrderReturn::hasRefund);
                }), () -> keys.stream().map(key -> key + " " + storeOrder(key).trackingNumbers() + " "
                        + storeOrder(key).order().cash().returns()).toList().toString());
    }

    private static OrderView storeOrder(String key) {
        String[] parts = key.split(":", 2);
        StorefrontSimulator store = parts[0].equals("xcart") ? bridge.system().xcart() : bridge.system().clarity();
        return store.order(parts[1]).orElseThrow();
    }

    private static List<P21Order> p21Orders(List<String> keys) {
        return bridge.system().p21().orders().stream().filter(o -> keys.contains(o.webReferenceNo())).toList();
    }
}
