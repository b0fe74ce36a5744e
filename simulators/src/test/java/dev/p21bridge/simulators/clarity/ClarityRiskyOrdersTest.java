package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.FreightForwarder;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.RiskPattern;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Clarity's shape of the risk fields and of addresses abroad. */
class ClarityRiskyOrdersTest {

    private static final ClarityOrderGenerator RENDERER = new ClarityOrderGenerator(0);
    private static final Set<String> FORWARDER_STREETS =
            FreightForwarder.ADDRESSES.stream().map(FreightForwarder::line1).collect(Collectors.toSet());

    @Test
    void shouldCarryTheIpTheCardTheGatewaysFlagAndCountriesAbroadInTheOrderPayload() {
        try (ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                .withWebhookUrl(null).withSeed(4))) {
            CheckoutResult result = clarity.checkoutWithReport(CheckoutRequest.of(1_000).withRisk(0.1));

            assertThat(result.risky()).hasSize(100);
            for (String id : result.orders()) {
                Order order = clarity.order(id).map(OrderView::order).orElseThrow();
                JsonNode json = RENDERER.orderJson(order);
                assertThat(json.path("ipAddress").asText()).matches("\\d{1,3}(\\.\\d{1,3}){3}");
                JsonNode payment = json.path("paymentInfo");
                if (order.purchaseOrder()) {
                    assertThat(payment.has("cardFingerprint")).isFalse();
                } else {
                    assertThat(payment.path("cardFingerprint").asText()).matches("fp_[0-9a-f]{16}");
                }
                if (order.risk().fraudCheck() != null) {
                    assertThat(json.path("fraudCheck").path("status").asText()).isEqualTo("review");
                    assertThat(json.path("fraudCheck").path("score").asInt()).isBetween(60, 90);
                } else {
                    assertThat(json.has("fraudCheck")).isFalse();
                }
                String billing = json.path("billingAddress").path("countryCode").asText();
                String shipping = json.path("shippingAddress").path("countryCode").asText();
                RiskPattern pattern = result.risky().get(id);
                if (pattern == RiskPattern.RESHIPPER) {
                    assertThat(billing).isIn("GBR", "DEU", "NGA", "BRA", "FRA");
                    assertThat(shipping).isEqualTo("USA");
                    assertThat(FORWARDER_STREETS).contains(json.path("shippingAddress").path("line1").asText());
                } else if (pattern == RiskPattern.HIGH_VALUE_ABROAD) {
                    assertThat(billing).isEqualTo("USA");
                    assertThat(shipping).isIn("GBR", "MEX", "ARE", "NGA");
                } else {
                    assertThat(billing).isEqualTo("USA").isEqualTo(shipping);
                }
            }
        }
    }
}
