package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;

class XCartCashTest {

    private static final String SECRET = "xcart-dev-secret";
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final String[] AUTH = {"X-Auth-Token", "xcart-dev-token"};

    @Test
    void shouldCaptureInPartsAndSendSignedPaymentWebhooksShapedLikeTheSample() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = cardOrder(xcart, CheckoutRequest.Capture.NONE);
            SimHttp http = new SimHttp(xcart.url());
            BigDecimal total = xcart.state().order(id).orElseThrow().total();
            assertThat(http.get("/sim/orders/" + id).json().path("payment_status").asText()).isEqualTo("A");

            Answer part = http.call("POST", "/sim/orders/" + id + "/capture", "{\"amount\": \"10.00\"}");
            JsonNode afterPart = http.get("/sim/orders/" + id).json();
            Answer rest = http.call("POST", "/sim/orders/" + id + "/capture", null);

            assertThat(part.status()).isEqualTo(200);
            assertThat(part.json().path("amount").asText()).isEqualTo("10.00");
            assertThat(part.json().path("captured_amount").asText()).isEqualTo("10.00");
            assertThat(afterPart.path("payment_status").asText()).isEqualTo("PP");
            assertThat(rest.status()).isEqualTo(200);
            assertThat(new BigDecimal(rest.json().path("amount").asText())).isEqualByComparingTo(total.subtract(BigDecimal.TEN));
            assertThat(rest.json().path("captured_amount").asText()).isEqualTo(total.toPlainString());
            List<JsonNode> payments = receiver.bodies("payment.captured");
            assertThat(receiver.deliveries("payment.captured")).hasSize(2).allMatch(Delivery::signatureValid);
            JsonNode sample = JsonShape.sample("xcart/payment.captured.json");
            payments.forEach(p -> JsonShape.assertSameShape(sample, p, "payment " + p.path("transaction_id")));
            assertThat(payments).extracting(p -> p.path("type").asText()).containsExactly("capture_part", "capture_part");
            assertThat(payments).extracting(p -> p.path("transaction_id").asText())
                    .containsExactly(part.json().path("transaction_id").asText(),
                            rest.json().path("transaction_id").asText())
                    .doesNotHaveDuplicates();
            assertThat(payments.get(0).path("transaction_id").isIntegralNumber()).isTrue();
            assertThat(payments.get(0).path("value").decimalValue()).isEqualByComparingTo("10");
            assertThat(payments.get(0).path("order_id").asLong()).isEqualTo(Long.parseLong(id));
            assertThat(payments.get(0).path("status").asText()).isEqualTo("S");
            JsonNode view = http.get("/sim/orders/" + id).json();
            assertThat(view.path("payment_status").asText()).isEqualTo("P");
            assertThat(view.path("captured_amount").asText()).isEqualTo(total.toPlainString());
            assertThat(view.path("refunded_amount").asText()).isEqualTo("0.00");
            assertThat(view.path("payments").findValuesAsText("type")).containsExactly("capture", "capture");
            assertThat(view.path("payments").get(0).path("amount").asText()).isEqualTo("10.00");
            assertThat(http.get("/api/orders/" + id, AUTH).json().path("payment_status").path("code").asText())
                    .isEqualTo("P");
        }
    }

    @Test
    void shouldCaptureAWholeOrderAsOneCaptureOfTypeCapture() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = cardOrder(xcart, CheckoutRequest.Capture.NONE);

            Answer whole = new SimHttp(xcart.url()).call("POST", "/sim/orders/" + id + "/capture", "{}");

            assertThat(whole.status()).isEqualTo(200);
            assertThat(receiver.bodies("payment.captured")).singleElement()
                    .satisfies(p -> assertThat(p.path("type").asText()).isEqualTo("capture"));
        }
    }

    @Test
    void shouldRefuseACaptureOfABadAmountMoreThanIsLeftAnUnknownOrACancelledOrder() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = cardOrder(xcart, CheckoutRequest.Capture.NONE);
            String total = xcart.state().order(id).orElseThrow().total().toPlainString();
            SimHttp http = new SimHttp(xcart.url());

            for (String amount : List.of("\"0\"", "\"-1.00\"", "\"1.234\"", "\"abc\"", "true",
                    "\"" + new BigDecimal(total).add(new BigDecimal("0.01")) + "\"")) {
                assertThat(http.call("POST", "/sim/orders/" + id + "/capture", "{\"amount\": " + amount + "}").status())
                        .as("capture of %s", amount).isEqualTo(400);
            }
            assertThat(http.call("POST", "/sim/orders/404404/capture", "{}").status()).isEqualTo(404);
            assertThat(http.call("POST", "/sim/orders/" + id + "/capture", "{\"amount\": " + total + "}").status())
                    .isEqualTo(200);
            assertThat(http.call("POST", "/sim/orders/" + id + "/capture", "{}").status()).isEqualTo(400);
            String other = xcart.checkout(CheckoutRequest.of(1).withCapture(CheckoutRequest.Capture.NONE)).get(0);
            http.call("POST", "/sim/orders/" + other + "/cancel", "{}");
            assertThat(http.call("POST", "/sim/orders/" + other + "/capture", "{}").status()).isEqualTo(409);
            assertThat(receiver.deliveries("payment.captured")).hasSize(1);
        }
    }

    @Test
    void shouldOpenReturnsShapedLikeTheSampleAndRefuseMoreThanWasBoughtUnlessUnchecked() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = xcart.checkout(CheckoutRequest.ofSku(1, "HX-4410", 3)).get(0);
            OrderLine line = xcart.state().order(id).orElseThrow().lines().get(0);
            SimHttp http = new SimHttp(xcart.url());

            Answer opened = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"hx-4410\",\"qty\":2}],\"reason\":\"Damaged in transit\"}");
            Answer tooMany = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"HX-4410\",\"qty\":2}],\"reason\":\"Again\"}");
            Answer notOnOrder = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"WSH-0375-Z\",\"qty\":1}],\"reason\":\"Wrong\"}");
            Answer unchecked = http.call("POST", "/sim/orders/" + id + "/returns",
                    "{\"lines\":[{\"sku\":\"HX-4410\",\"qty\":5}],\"reason\":\"Buggy store\",\"unchecked\":true}");

            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.json().path("return_id").asText()).isEqualTo("501");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(notOnOrder.status()).isEqualTo(400);
            assertThat(unchecked.status()).isEqualTo(200);
            assertThat(http.call("POST", "/sim/orders/404404/returns",
                    "{\"lines\":[{\"sku\":\"HX-4410\",\"qty\":1}]}").status()).isEqualTo(404);
            List<JsonNode> returns = receiver.bodies("return.created");
            assertThat(receiver.deliveries("return.created")).hasSize(2).allMatch(Delivery::signatureValid);
            JsonNode sample = JsonShape.sample("xcart/return.created.json");
            returns.forEach(r -> JsonShape.assertSameShape(sample, r, "return " + r.path("id")));
            JsonNode first = returns.get(0);
            assertThat(first.path("id").asLong()).isEqualTo(501);
            assertThat(first.path("order_id").asLong()).isEqualTo(Long.parseLong(id));
            assertThat(first.path("status").asText()).isEqualTo("I");
            assertThat(first.path("reason").asText()).isEqualTo("Damaged in transit");
            JsonNode item = first.path("items").get(0);
            assertThat(item.path("order_item_id").asLong()).isEqualTo(line.itemId());
            assertThat(item.path("amount").asInt()).isEqualTo(2);
            assertThat(item.path("price").decimalValue()).isEqualByComparingTo(line.price());
            assertThat(returns.get(1).path("items").get(0).path("amount").asInt()).isEqualTo(5);
            JsonNode view = http.get("/sim/orders/" + id).json();
            assertThat(view.path("returns").findValuesAsText("id")).containsExactly("501", "502");
            assertThat(view.path("returns").findValuesAsText("status")).containsOnly("requested");
        }
    }

    @Test
    void shouldRefundAReturnOnceThroughTheApiAndAnswerARepeatWithoutChangingAnything() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = xcart.checkout(CheckoutRequest.ofSku(10, "HX-4410", 4)).stream()
                    .filter(o -> xcart.state().order(o).orElseThrow().paidAtCheckout()).findFirst().orElseThrow();
            Order order = xcart.state().order(id).orElseThrow();
            BigDecimal price = order.lines().get(0).price();
            SimHttp http = new SimHttp(xcart.url());
            String first = openReturn(http, id, 2);
            String second = openReturn(http, id, 2);
            String path = "/api/orders/" + id + "/returns/" + first;
            String refund = "{\"status\":\"R\",\"refund_value\":" + price.multiply(TWO) + "}";

            Answer refunded = http.call("PUT", path, refund, AUTH);
            Await.until("the refund's payment.captured", Duration.ofSeconds(10),
                    () -> receiver.deliveries("payment.captured").size() == 1);
            Answer again = http.call("PUT", path, refund, AUTH);

            assertThat(refunded.status()).isEqualTo(200);
            assertThat(refunded.json().path("status").asText()).isEqualTo("R");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json()).isEqualTo(refunded.json());
            assertThat(http.call("PUT", path, "{\"status\":\"R\",\"refund_value\":1.00}", AUTH).status())
                    .isEqualTo(409);
            assertThat(http.call("PUT", path, refund).status()).isEqualTo(401);
            assertThat(http.call("PUT", "/api/orders/" + id + "/returns/999", refund, AUTH).status()).isEqualTo(404);
            assertThat(http.call("PUT", "/api/orders/404404/returns/" + second, refund, AUTH).status()).isEqualTo(404);
            assertThat(http.call("PUT", "/api/orders/" + id + "/returns/" + second, "{\"status\":\"R\",\"refund_value\":"
                    + order.total().add(BigDecimal.ONE) + "}", AUTH).status()).isEqualTo(400);
            assertThat(http.call("PUT", "/api/orders/" + id + "/returns/" + second,
                    "{\"status\":\"R\",\"refund_value\":-5}", AUTH).status()).isEqualTo(400);
            assertThat(http.call("PUT", "/api/orders/" + id + "/returns/" + second,
                    "{\"status\":\"I\",\"refund_value\":5}", AUTH).status()).isEqualTo(400);
            assertThat(http.get("/sim/orders/" + id).json().path("payment_status").asText()).isEqualTo("PR");

            // the rest of what was paid; the refund sender is first in, first out, so a webhook of the repeat would
            // arrive before this one
            BigDecimal rest = order.total().subtract(price.multiply(TWO));
            assertThat(http.call("PUT", "/api/orders/" + id + "/returns/" + second,
                    "{\"status\":\"R\",\"refund_value\":" + rest + "}", AUTH).status()).isEqualTo(200);
            Await.until("the second refund's payment.captured", Duration.ofSeconds(10),
                    () -> receiver.deliveries("payment.captured").size() >= 2);

            List<JsonNode> payments = receiver.bodies("payment.captured");
            assertThat(receiver.deliveries("payment.captured")).hasSize(2).allMatch(Delivery::signatureValid);
            JsonNode sample = JsonShape.sample("xcart/payment.captured.json");
            payments.forEach(p -> JsonShape.assertSameShape(sample, p, "refund " + p.path("transaction_id")));
            assertThat(payments).extracting(p -> p.path("type").asText()).containsOnly("refund");
            assertThat(payments.get(0).path("value").decimalValue()).isEqualByComparingTo(price.multiply(TWO));
            assertThat(payments.get(1).path("value").decimalValue()).isEqualByComparingTo(rest);
            JsonNode view = http.get("/sim/orders/" + id).json();
            assertThat(view.path("payment_status").asText()).isEqualTo("R");
            assertThat(view.path("refunded_amount").asText()).isEqualTo(order.total().toPlainString());
            assertThat(view.path("captured_amount").asText()).isEqualTo(order.total().toPlainString());
            assertThat(view.path("payments").findValuesAsText("type")).containsExactly("sale", "refund", "refund");
            assertThat(view.path("payments").get(1).path("amount").asText())
                    .isEqualTo(price.multiply(TWO).negate().toPlainString());
            assertThat(view.path("returns").findValuesAsText("status")).containsExactly("refunded", "refunded");
            assertThat(view.path("returns").get(1).path("refunded_amount").asText()).isEqualTo(rest.toPlainString());
            assertThat(xcart.calls().counts().perOrderCall().get(id)).containsEntry("returns/" + first + "=R", 3L);
        }
    }

    @Test
    void shouldKeepOneInvoiceNumberDetailPerNameAndShowItInTheOrderAndTheView() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            String id = xcart.checkout(CheckoutRequest.of(1)).get(0);
            SimHttp http = new SimHttp(xcart.url());
            String detail = "{\"name\":\"p21_invoice_no\",\"label\":\"P21 invoice\",\"value\":\"INV1001\"}";
            assertThat(http.get("/sim/orders/" + id).json().path("invoice_no").isNull()).isTrue();

            Answer added = http.call("POST", "/api/orders/" + id + "/details", detail, AUTH);
            Answer again = http.call("POST", "/api/orders/" + id + "/details", detail, AUTH);
            Answer replaced = http.call("POST", "/api/orders/" + id + "/details",
                    detail.replace("INV1001", "INV1002"), AUTH);

            assertThat(added.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(200);
            assertThat(replaced.status()).isEqualTo(200);
            JsonNode details = http.get("/api/orders/" + id, AUTH).json().path("details");
            assertThat(details).hasSize(1);
            assertThat(details.get(0).path("label").asText()).isEqualTo("P21 invoice");
            assertThat(details.get(0).path("value").asText()).isEqualTo("INV1002");
            assertThat(http.get("/sim/orders/" + id).json().path("invoice_no").asText()).isEqualTo("INV1002");
            assertThat(http.call("POST", "/api/orders/404404/details", detail, AUTH).status()).isEqualTo(404);
            assertThat(http.call("POST", "/api/orders/" + id + "/details", "{\"name\":\"x\"}", AUTH).status())
                    .isEqualTo(400);
            assertThat(http.call("POST", "/api/orders/" + id + "/details", detail).status()).isEqualTo(401);
            assertThat(xcart.calls().counts().perOrderCall().get(id)).containsEntry("details=p21_invoice_no", 3L);
        }
    }

    private static String openReturn(SimHttp http, String id, int qty) {
        Answer answer = http.call("POST", "/sim/orders/" + id + "/returns",
                "{\"lines\":[{\"sku\":\"HX-4410\",\"qty\":" + qty + "}],\"reason\":\"Damaged\"}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().path("return_id").asText();
    }

    /** The first card order (not a purchase order) of a checkout of a few. */
    static String cardOrder(XCartSimulator xcart, CheckoutRequest.Capture capture) {
        return xcart.checkout(CheckoutRequest.of(10).withRates(0.0, 0).withCapture(capture)).stream()
                .filter(id -> !xcart.state().order(id).orElseThrow().purchaseOrder()).findFirst().orElseThrow();
    }

    static XCartSimulator simulator(RecordingWebhookReceiver receiver) {
        return new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0).withRedeliveryRate(0)
                .withWebhookUrl(receiver.url("xcart"))).start();
    }
}
