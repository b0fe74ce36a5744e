package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.catalog.SimCatalog;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.JsonShape;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver.Delivery;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClarityWebhookTest {

    private static final String SECRET = "clarity-dev-secret";
    private static final Set<String> CATALOGUE =
            SimCatalog.items().stream().map(SimCatalog.Item::sku).collect(Collectors.toSet());

    @Test
    void shouldSendOrdersInTheSampleShapeWhoseTotalsAddUpToTheCent() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            List<String> ids = clarity.checkout(CheckoutRequest.of(150).withRates(0.0, 0));

            assertThat(ids.get(0)).isEqualTo("CL-2026-001001");
            assertThat(ids.get(1)).isEqualTo("CL-2026-001002");
            assertThat(receiver.deliveries()).allMatch(Delivery::signatureValid);
            JsonNode sample = JsonShape.sample("clarity/order.created.json");
            List<JsonNode> orders = bodies(receiver, "order.created");
            assertThat(orders).hasSize(150);
            for (JsonNode order : orders) {
                JsonShape.assertSameShape(sample, order, "order " + order.path("orderId"));
                assertTotalsAddUp(order);
                List<String> skus = order.path("lineItems").findValuesAsText("sku").stream()
                        .map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
                assertThat(skus).hasSizeBetween(1, 40);
                assertThat(CATALOGUE).containsAll(skus);
                assertThat(order.path("status").asText()).isEqualTo("Pending");
                assertThat(order.path("shippingAddress").path("countryCode").asText()).isEqualTo("USA");
            }
            List<String> sent = orders.stream().flatMap(o -> o.path("lineItems").findValuesAsText("sku").stream())
                    .toList();
            assertThat(sent).anyMatch(s -> !s.equals(s.strip())).anyMatch(s -> !s.equals(s.toUpperCase(Locale.ROOT)));
            assertThat(orders).extracting(o -> o.path("customer").path("email").asText())
                    .anyMatch(email -> email.startsWith(" "));
            assertThat(orders).extracting(o -> o.path("customer").path("fullName").asText())
                    .anyMatch(name -> !name.matches("\\p{ASCII}*"));
        }
    }

    @Test
    void shouldAnnounceEachNewCustomerOnceInTheSampleShape() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = simulator(receiver)) {
            clarity.checkout(CheckoutRequest.of(30).withRates(0.0, 0).withCustomers(4));

            JsonNode sample = JsonShape.sample("clarity/customer.created.json");
            List<JsonNode> customers = bodies(receiver, "customer.created");
            assertThat(customers).hasSizeBetween(1, 4)
                    .extracting(c -> c.path("customerId").asText()).doesNotHaveDuplicates();
            customers.forEach(c -> JsonShape.assertSameShape(sample, c, "customer " + c.path("customerId")));
        }
    }

    @Test
    void shouldKeepEveryOrderWithinTheRequestedNumberOfLines() {
        try (ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                .withWebhookUrl(null))) {
            CheckoutRequest threeLines = new CheckoutRequest(20, 0.0, 0, 3, 3, null, null, 10);

            List<String> ids = clarity.checkout(threeLines);

            assertThat(ids).allSatisfy(id -> assertThat(clarity.order(id).orElseThrow().order().lines()).hasSize(3));
        }
    }

    private static void assertTotalsAddUp(JsonNode order) {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (JsonNode line : order.path("lineItems")) {
            BigDecimal quantity = new BigDecimal(line.path("quantity").asText());
            subtotal = subtotal.add(new BigDecimal(line.path("unitPrice").asText()).multiply(quantity));
            tax = tax.add(new BigDecimal(line.path("tax").asText()));
        }
        BigDecimal total = money(order, "totalAmount");
        assertThat(money(order, "subtotalAmount")).isEqualByComparingTo(subtotal);
        assertThat(money(order, "taxAmount")).isEqualByComparingTo(tax);
        assertThat(total).as("total of %s", order.path("orderId"))
                .isEqualByComparingTo(subtotal.add(tax).add(money(order, "shippingAmount"))
                        .subtract(money(order, "discountAmount")));
        assertThat(new BigDecimal(order.path("paymentInfo").path("amount").asText())).isEqualByComparingTo(total);
    }

    private static BigDecimal money(JsonNode order, String field) {
        String text = order.path(field).asText();
        assertThat(text).as(field).matches("\\d+\\.\\d{2}");
        return new BigDecimal(text);
    }

    private static List<JsonNode> bodies(RecordingWebhookReceiver receiver, String event) {
        return receiver.deliveries().stream().filter(d -> d.event().equals(event)).map(d -> {
            try {
                return StorefrontJson.mapper().readTree(d.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static ClaritySimulator simulator(RecordingWebhookReceiver receiver) {
        return new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                .withWebhookUrl(receiver.url("clarity")));
    }
}
