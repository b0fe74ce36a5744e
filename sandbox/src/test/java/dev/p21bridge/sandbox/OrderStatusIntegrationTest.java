package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P21 order status changes reach the stores, end to end as {@code ./bridge up} runs them: an order shipped on two
 * pick tickets shows partly shipped, then shipped; a P21 cancellation cancels the store's order.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderStatusIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldShowAnOrderShippedOnTwoPickTicketsPartlyShippedThenShipped() throws Exception {
        String xcartOrder = bridge.system().xcart().checkout(CheckoutRequest.ofSku(1, "WSH-0375-Z", 4)
                .withRates(0.0, 0)).get(0);
        String clarityOrder = bridge.system().clarity().checkout(CheckoutRequest.ofSku(1, "WSH-0375-Z", 4)
                .withRates(0.0, 0)).get(0);
        P21Order inXCart = awaitP21Order("xcart:" + xcartOrder);
        P21Order inClarity = awaitP21Order("clarity:" + clarityOrder);
        // accepted: P21 holds the order
        awaitStatus(bridge.system().xcart(), xcartOrder, "P");
        awaitStatus(bridge.system().clarity(), clarityOrder, "Confirmed");

        shipPart(inXCart.orderNo(), "1Z-PART-1");
        shipPart(inClarity.orderNo(), "CL-PART-1");

        Await.until(WAIT, () -> order(bridge.system().xcart(), xcartOrder).trackingNumbers().contains("1Z-PART-1"),
                () -> "X-Cart order " + order(bridge.system().xcart(), xcartOrder));
        assertThat(order(bridge.system().xcart(), xcartOrder).status()).as("partly shipped is no shipment")
                .isEqualTo("P");
        awaitStatus(bridge.system().clarity(), clarityOrder, "Processing");

        shipRest(inXCart.orderNo(), "1Z-REST-2");
        shipRest(inClarity.orderNo(), "CL-REST-2");

        awaitStatus(bridge.system().xcart(), xcartOrder, "S");
        assertThat(order(bridge.system().xcart(), xcartOrder).trackingNumbers())
                .contains("1Z-PART-1", "1Z-REST-2");
        awaitStatus(bridge.system().clarity(), clarityOrder, "Shipped");
        assertThat(order(bridge.system().clarity(), clarityOrder).trackingNumbers()).contains("CL-REST-2");
    }

    @Test
    void shouldCancelTheStoresOrderWhenP21CancelsIt() throws Exception {
        String xcartOrder = bridge.system().xcart().checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        String clarityOrder = bridge.system().clarity().checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        P21Order inXCart = awaitP21Order("xcart:" + xcartOrder);
        P21Order inClarity = awaitP21Order("clarity:" + clarityOrder);

        bridge.system().p21().cancel(inXCart.orderNo());
        bridge.system().p21().cancel(inClarity.orderNo());

        awaitStatus(bridge.system().xcart(), xcartOrder, "C");
        awaitStatus(bridge.system().clarity(), clarityOrder, "Voided");
    }

    private static void awaitStatus(StorefrontSimulator store, String orderId, String status)
            throws InterruptedException {
        Await.until(WAIT, () -> order(store, orderId).status().equals(status),
                () -> "order " + orderId + " shows '" + order(store, orderId).status() + "', expected '" + status + "'");
    }

    private static OrderView order(StorefrontSimulator store, String orderId) {
        return store.order(orderId).orElseThrow();
    }

    private static void shipPart(String orderNo, String tracking) throws Exception {
        post(bridge.system().p21().url() + "/sim/shipments", "{\"order_no\":\"" + orderNo
                + "\",\"carrier_id\":\"UPS\",\"tracking_no\":\"" + tracking
                + "\",\"lines\":[{\"oe_line_no\":\"1\",\"qty\":\"1\"}]}");
    }

    private static void shipRest(String orderNo, String tracking) throws Exception {
        post(bridge.system().p21().url() + "/sim/shipments",
                "{\"order_no\":\"" + orderNo + "\",\"carrier_id\":\"UPS\",\"tracking_no\":\"" + tracking + "\"}");
    }

    private static P21Order awaitP21Order(String reference) throws InterruptedException {
        Await.until(WAIT, () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals(reference)));
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(reference))
                .findFirst().orElseThrow();
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
