package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CapturePlans;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.JsonShape;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver.Delivery;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.SimHttp.Answer;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.testing.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClarityCashTest {

    private static final String SECRET = "clarity-dev-secret";
    private static final String[] AUTH = {"Authorization", "Bearer clarity-dev-token"};
    private static final String REFUNDED = "/API-Storefront/Providers/Returning/Actions/Refunded/";

    @Test
    void shouldCaptureInPartsAndSendSignedPaymentWebhooksShapedLikeTheSample() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            String id = clarity.checkout(CheckoutRequest.of(10).withRates(0.0, 0)
                    .withCapture(CheckoutRequest.Capture.NONE)).stream()
                    .filter(o -> !clarity.state().order(o).orElseThrow().purchaseOrder()).findFirst().orElseThrow();
            SimHttp http = new SimHttp(clarity.url());
            BigDecimal total = clarity.state().order(id).orElseThrow().total();
            assertThat(http.get("/sim/orders/" + id).json().path("payment_status").asText()).isEqualTo("Authorized");

            Answer part = http.call("POST", "/sim/orders/" + id + "/capture", "{\"amount\": 10}");
            String afterPart = http.get("/sim/orders/" + id).json().path("payment_status").asText();
            Answer rest = http.call("POST", "/sim/orders/" + id + "/capture", null);

            assertThat(part.status()).isEqualTo(200);
            assertThat(part.json().path("transaction_id").asText()).isEqualTo("PAY-77001");
            assertThat(afterPart).isEqualTo("Partial Payment Received");
            assertThat(rest.json().path("captured_amount").asText()).isEqualTo(total.toPlainString());
            assertThat(http.get("/sim/orders/" + id).json().path("payment_status").asText())
                    .isEqualTo("Full Payment Received");
            assertThat(http.get("/API-Storefront/Ordering/SalesOrder/" + id, AUTH).json().path("Result")
                    .path("paymentStatus").asText()).isEqualTo("Full Payment Received");
            assertThat(receiver.deliveries("payment.captured")).hasSize(2).allMatch(Delivery::signatureValid);
            List<JsonNode> payments = receiver.bodies("payment.captured");
            JsonNode sample = JsonShape.sample("clarity/payment.captured.json");
            payments.forEach(p -> JsonShape.assertSameShape(sample, p, "payment " + p.path("paymentId")));
            assertThat(payments).extracting(p -> p.path("paymentId").asText()).containsExactly("PAY-77001", "PAY-77002");
            assertThat(payments).extracting(p -> p.path("type").asText()).containsOnly("Capture");
            assertThat(payments).extracting(p -> p.path("status").asText()).containsOnly("Captured");
            assertThat(payments.get(0).path("amount").asText()).isEqualTo("10.00");
            assertThat(payments.get(0).path("orderId").asText()).isEqualTo(id);
            assertThat(http.call("POST", "/sim/orders/" + id + "/capture", "{}").status()).isEqualTo(400);
            assertThat(http.call("POST", "/sim/orders/CL-2026-404404/capture", "{}").status()).isEqualTo(404);
        }
    }

    @Test
    void shouldRefuseACaptureOfAVoidedOrder() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            String id = clarity.checkout(CheckoutRequest.of(1).withCapture(CheckoutRequest.Capture.NONE)).get(0);
            SimHttp http = new SimHttp(clarity.url());
            http.call("POST", "/sim/orders/" + id + "/cancel", "{}");

            assertThat(http.call("POST", "/sim/orders/" + id + "/capture", "{}").status()).isEqualTo(409);
        }
    }

    @Test
    void shouldOpenReturnsShapedLikeTheSampleAndRefuseMoreThanWasBought() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            String id = clarity.checkout(CheckoutRequest.ofSku(1, "BV-075-SWT", 3)).get(0);
            OrderLine line = clarity.state().order(id).orElseThrow().lines().get(0);
            SimHttp http = new SimHttp(clarity.url());

            Answer opened = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"BV-075-SWT\",\"qty\":2}],\"reason\":\"Wrong size ordered\"}");
            Answer tooMany = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"BV-075-SWT\",\"qty\":2}]}");

            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.json().path("return_id").asText()).isEqualTo("RT-3301");
            assertThat(tooMany.status()).isEqualTo(400);
            JsonNode created = receiver.bodies("return.created").get(0);
            assertThat(receiver.deliveries("return.created")).singleElement()
                    .satisfies(d -> assertThat(d.signatureValid()).isTrue());
            JsonShape.assertSameShape(JsonShape.sample("clarity/return.created.json"), created, "return");
            assertThat(created.path("returnId").asText()).isEqualTo("RT-3301");
            assertThat(created.path("orderId").asText()).isEqualTo(id);
            assertThat(created.path("status").asText()).isEqualTo("Confirmed");
            assertThat(created.path("lineItems").get(0).path("quantity").asText()).isEqualTo("2");
            assertThat(created.path("lineItems").get(0).path("unitPrice").asText())
                    .isEqualTo(line.price().toPlainString());
            assertThat(http.get("/sim/orders/" + id).json().path("returns").get(0).path("status").asText())
                    .isEqualTo("requested");
        }
    }

    @Test
    void shouldRefundAReturnOnceWithANegativePaymentAndKeepThePaymentStatus() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            String id = clarity.checkout(CheckoutRequest.ofSku(10, "BV-075-SWT", 4)).stream()
                    .filter(o -> clarity.state().order(o).orElseThrow().paidAtCheckout()).findFirst().orElseThrow();
            Order order = clarity.state().order(id).orElseThrow();
            SimHttp http = new SimHttp(clarity.url());
            String returnId = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"BV-075-SWT\",\"qty\":1}],\"reason\":\"Wrong size\"}").json()
                    .path("return_id").asText();
            String amount = order.lines().get(0).price().toPlainString();
            String body = "{\"RefundAmount\": \"" + amount + "\"}";

            Answer refunded = http.call("PATCH", REFUNDED + returnId, body, AUTH);
            Await.until("the refund's payment.captured", Duration.ofSeconds(10),
                    () -> receiver.deliveries("payment.captured").size() == 1);
            Answer again = http.call("PATCH", REFUNDED + returnId, body, AUTH);

            assertThat(refunded.status()).isEqualTo(200);
            assertThat(refunded.json().path("ActionSucceeded").asBoolean()).isTrue();
            assertThat(refunded.json().path("Result").path("Status").asText()).isEqualTo("Refunded");
            assertThat(again.json()).isEqualTo(refunded.json());
            assertThat(http.call("PATCH", REFUNDED + returnId, "{\"RefundAmount\": \"1.00\"}", AUTH).status())
                    .isEqualTo(409);
            assertThat(http.call("PATCH", REFUNDED + "RT-9999", body, AUTH).status()).isEqualTo(404);
            assertThat(http.call("PATCH", REFUNDED + returnId, body).status()).isEqualTo(401);
            String second = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"BV-075-SWT\",\"qty\":1}]}").json().path("return_id").asText();
            Answer tooMuch = http.call("PATCH", REFUNDED + second,
                    "{\"RefundAmount\": \"" + order.total() + "\"}", AUTH);
            Answer bad = http.call("PATCH", REFUNDED + second, "{\"RefundAmount\": \"0.001\"}", AUTH);
            assertThat(tooMuch.status()).isEqualTo(400);
            assertThat(tooMuch.json().path("ActionSucceeded").asBoolean()).isFalse();
            assertThat(bad.status()).isEqualTo(400);

            // the refund sender is first in, first out: a webhook of the repeat would arrive before this one
            http.call("PATCH", REFUNDED + second, "{\"RefundAmount\": \"1.00\"}", AUTH);
            Await.until("the second refund's payment.captured", Duration.ofSeconds(10),
                    () -> receiver.deliveries("payment.captured").size() >= 2);
            List<JsonNode> payments = receiver.bodies("payment.captured");
            assertThat(payments).hasSize(2);
            JsonShape.assertSameShape(JsonShape.sample("clarity/payment.captured.json"), payments.get(0), "refund");
            assertThat(payments.get(0).path("type").asText()).isEqualTo("Refund");
            assertThat(payments.get(0).path("status").asText()).isEqualTo("Refunded");
            assertThat(payments.get(0).path("amount").asText()).isEqualTo("-" + amount);
            assertThat(payments.get(1).path("amount").asText()).isEqualTo("-1.00");
            JsonNode view = http.get("/sim/orders/" + id).json();
            assertThat(view.path("payment_status").asText()).isEqualTo("Full Payment Received");
            assertThat(view.path("refunded_amount").asText())
                    .isEqualTo(new BigDecimal(amount).add(BigDecimal.ONE).toPlainString());
            assertThat(view.path("returns").findValuesAsText("status")).containsExactly("refunded", "refunded");
            assertThat(view.path("invoice_no").isNull()).isTrue();
            assertThat(clarity.calls().counts().perOrderCall().get(id)).containsEntry("Refunded", 6L);
        }
    }

    @Test
    void shouldStillCompleteAnOrderThroughTheSalesOrderRoute() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            String id = clarity.checkout(CheckoutRequest.of(1)).get(0);

            Answer completed = new SimHttp(clarity.url()).call("PATCH",
                    "/API-Storefront/Ordering/SalesOrder/Complete/" + id, null, AUTH);

            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.json().path("Result").path("status").asText()).isEqualTo("Completed");
        }
    }

    @Test
    void shouldCaptureMostOrdersInFullAfterTheOrderSomeInTwoPartsAndAFewBeforeTheOrderArrives() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            List<String> ids = clarity.checkout(CheckoutRequest.of(400).withRates(0.0, 0)
                    .withCapture(CheckoutRequest.Capture.MIXED));

            Map<String, CapturePlans.Captures> plans = CapturePlans.read(receiver.deliveries(), "orderId", "orderId");
            List<Order> cards = ids.stream().map(id -> clarity.state().order(id).orElseThrow())
                    .filter(o -> !o.purchaseOrder()).toList();
            long fullAfter = cards.stream().filter(o -> plans.get(o.id()).fullAfter()).count();
            long twoParts = cards.stream().filter(o -> plans.get(o.id()).twoPartsAfter()).count();
            long before = cards.stream().filter(o -> plans.get(o.id()).fullBefore()).count();
            assertThat(fullAfter + twoParts + before).isEqualTo(cards.size());
            assertThat((double) fullAfter / cards.size()).as("one capture after the order").isBetween(0.78, 0.92);
            assertThat((double) twoParts / cards.size()).as("two captures").isBetween(0.05, 0.16);
            assertThat((double) before / cards.size()).as("one capture before the order").isBetween(0.02, 0.09);
            assertThat(receiver.deliveries()).allMatch(Delivery::signatureValid);
            for (Order card : cards) {
                BigDecimal sum = plans.get(card.id()).bodies().stream()
                        .map(p -> new BigDecimal(p.path("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(sum).as("captured of order %s", card.id()).isEqualByComparingTo(card.total());
                assertThat(clarity.paymentStatus(card)).isEqualTo("Full Payment Received");
            }
        }
    }

    private static ClaritySimulator simulator(RecordingWebhookReceiver receiver) {
        return new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0).withRedeliveryRate(0)
                .withWebhookUrl(receiver.url("clarity"))).start();
    }
}
