package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontSimulator.OrderChangeRefused;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XCartDeclinedPaymentTest {

    private static final String SECRET = "xcart-dev-secret";
    private static final String SKU = "HX-4410";

    @Test
    void shouldAnnounceADeclinedOrderWithPaymentStatusDAndLeaveTheStockAsItWas() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            int before = xcart.product(SKU).orElseThrow().amount();
            List<String> ids = xcart.checkout(CheckoutRequest.ofSku(3, SKU, 2).withRates(0.0, 0)
                    .withPayment(CheckoutRequest.Payment.DECLINED).withCapture(CheckoutRequest.Capture.MIXED));

            assertThat(ids).hasSize(3);
            assertThat(xcart.product(SKU).orElseThrow().amount()).as("stock after declined orders").isEqualTo(before);
            assertThat(receiver.deliveries("payment.captured")).isEmpty();
            for (JsonNode created : receiver.bodies("order.created")) {
                assertThat(created.path("payment_status").path("code").asText()).isEqualTo("D");
                assertThat(created.path("payment_method_name").asText()).isEqualTo("Credit Card");
                assertThat(created.path("payment_transactions").get(0).path("status").asText()).isEqualTo("F");
            }
            Order order = xcart.state().order(ids.get(0)).orElseThrow();
            assertThat(order.declined()).isTrue();
            assertThat(order.captured()).isZero();
            assertThat(order.uncaptured()).isZero();
            assertThat(new SimHttp(xcart.url()).get("/sim/orders/" + ids.get(0)).json().path("payment_status").asText())
                    .isEqualTo("D");
        }
    }

    @Test
    void shouldTakeThePaymentOptionThroughTheCheckoutRouteAndNameItWhenItIsWrong() {
        try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(null)).start()) {
            SimHttp http = new SimHttp(xcart.url());
            SimHttp.Answer declined = http.call("POST", "/sim/checkout", "{\"count\":2,\"payment\":\"declined\"}");
            SimHttp.Answer wrong = http.call("POST", "/sim/checkout", "{\"count\":2,\"payment\":\"bounced\"}");

            assertThat(declined.status()).isEqualTo(200);
            assertThat(declined.json().path("orders")).hasSize(2).allSatisfy(id -> assertThat(
                    xcart.state().order(id.asText()).orElseThrow().declined()).isTrue());
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().path("error").asText()).startsWith("payment must be");
        }
    }

    @Test
    void shouldRefuseToCaptureOrReturnADeclinedOrder() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            String id = xcart.checkout(CheckoutRequest.ofSku(1, SKU, 1)
                    .withPayment(CheckoutRequest.Payment.DECLINED)).get(0);
            SimHttp http = new SimHttp(xcart.url());

            assertThat(http.call("POST", "/sim/orders/" + id + "/capture", null).status()).isEqualTo(409);
            assertThatThrownBy(() -> xcart.cash().openReturn(id, new CashDesk.ReturnRequest(
                    List.of(new CashDesk.ReturnRequest.Line(SKU, 1)), "Damaged", "", false)))
                    .isInstanceOfSatisfying(OrderChangeRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("declined");
            assertThat(receiver.deliveries("payment.captured")).isEmpty();
            assertThat(receiver.deliveries("return.created")).isEmpty();
        }
    }

    @Test
    void shouldDeclineAboutTwoPercentOfCardOrdersInAMixedCheckoutAndNoPurchaseOrder() {
        try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(null))) {
            List<Order> orders = xcart.checkout(CheckoutRequest.of(2_000).withPayment(CheckoutRequest.Payment.MIXED)
                    .withCapture(CheckoutRequest.Capture.MIXED)).stream()
                    .map(id -> xcart.state().order(id).orElseThrow()).toList();
            List<Order> cards = orders.stream().filter(o -> !o.purchaseOrder()).toList();
            long declined = cards.stream().filter(Order::declined).count();

            assertThat(orders).filteredOn(Order::purchaseOrder).noneMatch(Order::declined);
            assertThat((double) declined / cards.size()).as("declined card orders").isBetween(0.01, 0.035);
            assertThat(cards).filteredOn(Order::declined).allMatch(o -> o.captured().signum() == 0);
            assertThat(cards).filteredOn(o -> !o.declined()).allMatch(o -> o.uncaptured().signum() == 0);
        }
    }

    @Test
    void shouldDeclineTheSameOrdersForTheSameSeedAndNoneWithoutThePaymentOption() {
        assertThat(declinedOf(CheckoutRequest.Payment.MIXED)).isNotEmpty()
                .isEqualTo(declinedOf(CheckoutRequest.Payment.MIXED));
        assertThat(declinedOf(null)).isEmpty();
    }

    @Test
    void shouldKeepADeclinedOrderDeclinedAcrossARestart(@TempDir Path dataDir) {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        String id;
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            id = xcart.checkout(CheckoutRequest.ofSku(1, SKU, 1).withPayment(CheckoutRequest.Payment.DECLINED)).get(0);
        }
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            Order order = xcart.state().order(id).orElseThrow();
            assertThat(order.declined()).isTrue();
            assertThat(xcart.paymentStatus(order)).isEqualTo("D");
        }
    }

    private static List<String> declinedOf(CheckoutRequest.Payment payment) {
        try (XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(null))) {
            return xcart.checkout(CheckoutRequest.of(500).withPayment(payment)).stream()
                    .filter(id -> xcart.state().order(id).orElseThrow().declined()).toList();
        }
    }
}
