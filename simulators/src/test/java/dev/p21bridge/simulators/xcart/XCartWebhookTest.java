package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.catalog.SimCatalog;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.JsonShape;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver.Delivery;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.testing.Await;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class XCartWebhookTest {

    private static final String SECRET = "xcart-dev-secret";
    private static final Set<String> CATALOGUE =
            SimCatalog.items().stream().map(SimCatalog.Item::sku).collect(Collectors.toSet());

    @Test
    void shouldSendOrdersInTheSampleShapeWhoseTotalsAddUpToTheCent() throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            List<String> ids = xcart.checkout(CheckoutRequest.of(150).withRates(0.0, 0));

            assertThat(ids.get(0)).isEqualTo("20001");
            assertThat(ids).hasSize(150).doesNotHaveDuplicates();
            JsonNode sample = JsonShape.sample("xcart/order.created.json");
            List<JsonNode> orders = bodies(receiver, "order.created");
            assertThat(orders).hasSize(150);
            for (JsonNode order : orders) {
                JsonShape.assertSameShape(sample, order, "order " + order.path("id"));
                assertTotalsAddUp(order);
                List<String> skus = order.path("items").findValuesAsText("sku");
                assertThat(skus).hasSizeBetween(1, 40);
                assertThat(CATALOGUE).containsAll(skus);
                assertThat(order.path("shipping_status").path("code").asText()).isEqualTo("N");
                assertThat(order.path("order_number").asText()).isEqualTo(order.path("id").asText());
            }
            assertThat(orders).extracting(o -> o.path("email").asText())
                    .anyMatch(email -> !email.equals(email.toLowerCase()));
            assertThat(orders).extracting(o -> o.path("surcharges").findValuesAsText("type"))
                    .anyMatch(types -> types.contains("discount"));
        }
    }

    @Test
    void shouldSendCouponsFreeShippingTaxExemptBuyersAndOneItemOnTwoLinesInRealisticShares() throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            xcart.checkout(CheckoutRequest.of(400).withRates(0.0, 0));

            List<JsonNode> orders = bodies(receiver, "order.created");
            long repeated = orders.stream().filter(o -> {
                List<String> skus = o.path("items").findValuesAsText("sku");
                return new HashSet<>(skus).size() < skus.size();
            }).count();
            long coupons = orders.stream().filter(o -> o.path("surcharges").findValuesAsText("type").contains("discount")).count();
            long freeShipping = orders.stream().filter(o -> !o.path("shipping_method_name").asText().equals("Will Call")
                    && shipping(o).signum() == 0).count();
            long untaxedCompanies = orders.stream().filter(o -> !o.path("billing_address").path("company").asText().isEmpty()
                    && !o.path("surcharges").findValuesAsText("type").contains("tax")).count();
            assertThat(repeated).as("orders with one item on two lines").isBetween(20L, 90L);
            assertThat(coupons).as("orders with a coupon").isBetween(30L, 100L);
            assertThat(freeShipping).as("orders shipped free").isBetween(15L, 70L);
            assertThat(untaxedCompanies).as("tax-exempt trade buyers").isPositive();
            orders.forEach(XCartWebhookTest::assertTotalsAddUp);
        }
    }

    private static BigDecimal shipping(JsonNode order) {
        for (JsonNode surcharge : order.path("surcharges")) {
            if (surcharge.path("type").asText().equals("shipping")) {
                return surcharge.path("value").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    @Test
    void shouldAnnounceEachNewCustomerOnceInTheSampleShape() throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            xcart.checkout(CheckoutRequest.of(40).withRates(0.0, 0).withCustomers(5));
            xcart.checkout(CheckoutRequest.of(40).withRates(0.0, 0).withCustomers(5));

            List<JsonNode> customers = bodies(receiver, "customer.created");
            JsonNode sample = JsonShape.sample("xcart/customer.created.json");
            assertThat(customers).hasSizeBetween(1, 5)
                    .extracting(c -> c.path("profile_id").asLong()).doesNotHaveDuplicates();
            customers.forEach(c -> JsonShape.assertSameShape(sample, c, "customer " + c.path("profile_id")));
            Set<Long> ordered = new HashSet<>();
            bodies(receiver, "order.created").forEach(o -> ordered.add(o.path("order_profile_id").asLong()));
            assertThat(customers).extracting(c -> c.path("profile_id").asLong())
                    .containsExactlyInAnyOrderElementsOf(ordered);
        }
    }

    @Test
    void shouldSignEveryWebhookAndRedeliverSomeUnderTheSameIdAndDuplicateSomeCreatesUnderNewIds()
            throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(40).withRates(0.5, 0.25)
                    .withCustomers(1));

            List<Delivery> deliveries = receiver.deliveries();
            // 40 orders + 1 new customer = 41 events; 21 redelivered; 10 creates duplicated under new ids
            assertThat(deliveries).hasSize(41 + 21 + 10).allMatch(Delivery::signatureValid);
            assertThat(result.delivered()).isEqualTo(deliveries.size());
            assertThat(result.failed()).isZero();
            Map<String, Long> perId = deliveries.stream()
                    .collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
            assertThat(perId.values().stream().filter(n -> n == 2)).hasSize(21);
            Map<String, Long> perOrder = bodies(receiver, "order.created").stream()
                    .collect(Collectors.groupingBy(o -> o.path("id").asText(), Collectors.counting()));
            assertThat(perOrder).hasSize(40);
            Set<String> createIds = deliveries.stream().filter(d -> d.event().equals("order.created"))
                    .map(Delivery::id).collect(Collectors.toSet());
            assertThat(createIds).hasSize(50);
        }
    }

    @Test
    void shouldRetryUntilAReceiverThatAnswered503TwiceAccepts() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET, n -> n <= 2 ? 503 : 202);
             XCartSimulator xcart = simulator(receiver)) {
            CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(1).withRates(0.0, 0));

            // customer.created and order.created, two of the attempts refused
            assertThat(result.delivered()).isEqualTo(2);
            assertThat(result.failed()).isZero();
            assertThat(receiver.deliveries()).hasSize(4).allMatch(Delivery::signatureValid);
            assertThat(receiver.deliveries().stream().map(Delivery::id).distinct()).hasSize(2);
        }
    }

    @Test
    void shouldTrickleOrdersUntilStopped() throws InterruptedException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            xcart.startTrickle(50);
            Await.until("three trickled orders", java.time.Duration.ofSeconds(15), () -> receiver.deliveries().stream()
                    .filter(d -> d.event().equals("order.created")).count() >= 3);
            xcart.stopTrickle();

            assertThat(receiver.deliveries().stream().filter(d -> d.event().equals("order.created")).count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(xcart.order("20003")).isPresent();
        }
    }

    @Test
    void shouldDeliverAThousandOrdersThroughTheCheckoutRoute() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver).start()) {
            long started = System.nanoTime();
            SimHttp.Answer answer = new SimHttp(xcart.url()).call("POST", "/sim/checkout",
                    "{\"count\":1000,\"redeliveryRate\":0}");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("orders")).hasSize(1_000);
            assertThat(answer.json().path("webhooks").path("failed").asInt()).isZero();
            assertThat(receiver.deliveries().stream().filter(d -> d.event().equals("order.created"))).hasSize(1_000);
            assertThat(millis).as("checkout of 1,000 orders took %d ms", millis).isLessThan(30_000);
        }
    }

    @Test
    void shouldSendOrderUpdatedWithNewQuantitiesAndThenWithTheCancelledStatus() throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = simulator(receiver)) {
            xcart.start();
            String id = xcart.checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
            SimHttp http = new SimHttp(xcart.url());
            JsonNode created = bodies(receiver, "order.created").get(0);
            String sku = created.path("items").get(0).path("sku").asText();

            SimHttp.Answer updated = http.call("POST", "/sim/orders/" + id + "/update",
                    "{\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":7}]}");
            SimHttp.Answer cancelled = http.call("POST", "/sim/orders/" + id + "/cancel", "{}");

            assertThat(updated.status()).isEqualTo(200);
            assertThat(cancelled.status()).isEqualTo(200);
            List<JsonNode> updates = bodies(receiver, "order.updated");
            assertThat(updates).hasSize(2);
            assertThat(updates.get(0).path("items").get(0).path("amount").asInt()).isEqualTo(7);
            assertTotalsAddUp(updates.get(0));
            assertThat(updates.get(1).path("shipping_status").path("code").asText()).isEqualTo("C");
            assertThat(http.get("/sim/orders/" + id).json().path("cancelled").asBoolean()).isTrue();
            assertThat(http.call("POST", "/sim/orders/" + id + "/cancel", "{}").status()).isEqualTo(400);
            assertThat(http.call("POST", "/sim/orders/404404/cancel", "{}").status()).isEqualTo(404);
            assertThat(http.call("POST", "/sim/orders/" + id + "/update",
                    "{\"lines\":[{\"sku\":\"NOT-ON-IT\",\"qty\":1}]}").status()).isEqualTo(400);
        }
    }

    private static void assertTotalsAddUp(JsonNode order) {
        BigDecimal lines = BigDecimal.ZERO;
        for (JsonNode item : order.path("items")) {
            lines = lines.add(item.path("price").decimalValue().multiply(BigDecimal.valueOf(item.path("amount").asInt())));
        }
        BigDecimal surcharges = BigDecimal.ZERO;
        for (JsonNode surcharge : order.path("surcharges")) {
            surcharges = surcharges.add(surcharge.path("value").decimalValue());
            assertThat(surcharge.path("value").decimalValue().scale()).isLessThanOrEqualTo(2);
        }
        assertThat(order.path("sub_total").decimalValue()).isEqualByComparingTo(lines);
        assertThat(order.path("total").decimalValue()).as("total of order %s", order.path("id"))
                .isEqualByComparingTo(lines.add(surcharges))
                .isEqualByComparingTo(order.path("payment_transactions").get(0).path("value").decimalValue());
        assertThat(order.path("total").decimalValue().scale()).isLessThanOrEqualTo(2);
    }

    private static List<JsonNode> bodies(RecordingWebhookReceiver receiver, String event) throws IOException {
        Function<Delivery, JsonNode> parse = d -> {
            try {
                return StorefrontJson.mapper().readTree(d.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        return receiver.deliveries().stream().filter(d -> d.event().equals(event)).map(parse).toList();
    }

    private static XCartSimulator simulator(RecordingWebhookReceiver receiver) {
        return new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(receiver.url("xcart")));
    }
}
