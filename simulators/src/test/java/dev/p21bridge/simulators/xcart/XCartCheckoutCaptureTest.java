package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CapturePlans;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver.Delivery;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class XCartCheckoutCaptureTest {

    private static final String SECRET = "xcart-dev-secret";

    @Test
    void shouldOnlyAuthorizeCardOrdersWhenTheCheckoutCapturesNone() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            List<String> ids = xcart.checkout(CheckoutRequest.of(40).withRates(0.0, 0)
                    .withCapture(CheckoutRequest.Capture.NONE));

            assertThat(receiver.deliveries("payment.captured")).isEmpty();
            for (JsonNode created : receiver.bodies("order.created")) {
                boolean po = created.path("payment_method_name").asText().equals("Purchase Order");
                assertThat(created.path("payment_status").path("code").asText()).isEqualTo(po ? "Q" : "A");
                assertThat(created.path("payment_transactions").get(0).path("type").asText())
                        .isEqualTo(po ? "sale" : "auth");
            }
            assertThat(ids).extracting(id -> xcart.order(id).orElseThrow().order().captured())
                    .allMatch(captured -> captured.signum() == 0);
        }
    }

    @Test
    void shouldCaptureMostOrdersInFullAfterTheOrderSomeInTwoPartsAndAFewBeforeTheOrderArrives() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            List<String> ids = xcart.checkout(CheckoutRequest.of(400).withRates(0.0, 0)
                    .withCapture(CheckoutRequest.Capture.MIXED));

            Map<String, CapturePlans.Captures> plans = CapturePlans.read(receiver.deliveries(), "id", "order_id");
            List<Order> orders = ids.stream().map(id -> xcart.state().order(id).orElseThrow()).toList();
            List<Order> cards = orders.stream().filter(o -> !o.purchaseOrder()).toList();
            assertThat(receiver.deliveries()).allMatch(Delivery::signatureValid);
            orders.stream().filter(Order::purchaseOrder).forEach(po -> {
                assertThat(plans.get(po.id()).bodies()).as("captures of purchase order %s", po.id()).isEmpty();
                assertThat(xcart.paymentStatus(po)).isEqualTo("Q");
            });
            long fullAfter = cards.stream().filter(o -> plans.get(o.id()).fullAfter()).count();
            long twoParts = cards.stream().filter(o -> plans.get(o.id()).twoPartsAfter()).count();
            long before = cards.stream().filter(o -> plans.get(o.id()).fullBefore()).count();
            assertThat(fullAfter + twoParts + before).isEqualTo(cards.size());
            assertThat((double) fullAfter / cards.size()).as("one capture after the order").isBetween(0.78, 0.92);
            assertThat((double) twoParts / cards.size()).as("two captures").isBetween(0.05, 0.16);
            assertThat((double) before / cards.size()).as("one capture before the order").isBetween(0.02, 0.09);
            for (Order card : cards) {
                List<JsonNode> captures = plans.get(card.id()).bodies();
                BigDecimal sum = captures.stream().map(c -> c.path("value").decimalValue())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(sum).as("captured of order %s", card.id()).isEqualByComparingTo(card.total());
                assertThat(xcart.paymentStatus(card)).isEqualTo("P");
                if (captures.size() == 2) {
                    BigDecimal share = captures.get(0).path("value").decimalValue()
                            .divide(card.total(), 4, java.math.RoundingMode.HALF_UP);
                    assertThat(share).as("first part of order %s", card.id()).isBetween(new BigDecimal("0.29"),
                            new BigDecimal("0.71"));
                    assertThat(captures).extracting(c -> c.path("type").asText()).containsOnly("capture_part");
                } else {
                    assertThat(captures.get(0).path("type").asText()).isEqualTo("capture");
                }
            }
        }
    }

    @Test
    void shouldCaptureTheSameOrdersTheSameWayForTheSameSeed() {
        assertThat(capturesOf50()).isEqualTo(capturesOf50());
    }

    @Test
    void shouldRedeliverSomePaymentWebhooksUnderTheirOwnIds() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            xcart.checkout(CheckoutRequest.of(60).withRates(0.5, 0).withCapture(CheckoutRequest.Capture.MIXED));

            Map<String, Long> perId = receiver.deliveries("payment.captured").stream()
                    .collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
            assertThat(perId.values()).contains(2L).allMatch(n -> n <= 2);
        }
    }

    /** Order, type and value of every capture of a 50-order mixed checkout, by order. */
    private static Map<String, List<String>> capturesOf50() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = XCartCashTest.simulator(receiver)) {
            xcart.checkout(CheckoutRequest.of(50).withRates(0.0, 0).withCapture(CheckoutRequest.Capture.MIXED));
            return receiver.bodies("payment.captured").stream().collect(Collectors.groupingBy(
                    p -> p.path("order_id").asText(), java.util.TreeMap::new,
                    Collectors.mapping(p -> p.path("type").asText() + " " + p.path("value").asText(),
                            Collectors.toList())));
        }
    }
}
