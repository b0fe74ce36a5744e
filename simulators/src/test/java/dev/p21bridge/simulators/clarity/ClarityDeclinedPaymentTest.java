package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClarityDeclinedPaymentTest {

    private static final String SECRET = "clarity-dev-secret";
    private static final String SKU = "HX-4410";

    @Test
    void shouldAnnounceADeclinedOrderWithPaymentStatusDeclinedAndLeaveTheStockAsItWas() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                     .withRedeliveryRate(0).withWebhookUrl(receiver.url("clarity"))).start()) {
            int before = clarity.product(SKU).orElseThrow().amount();
            List<String> ids = clarity.checkout(CheckoutRequest.ofSku(2, SKU, 3)
                    .withPayment(CheckoutRequest.Payment.DECLINED).withCapture(CheckoutRequest.Capture.MIXED));

            assertThat(ids).hasSize(2);
            assertThat(clarity.product(SKU).orElseThrow().amount()).isEqualTo(before);
            assertThat(receiver.deliveries("payment.captured")).isEmpty();
            for (JsonNode created : receiver.bodies("order.created")) {
                assertThat(created.path("status").asText()).isEqualTo("Pending");
                assertThat(created.path("paymentInfo").path("method").asText()).isEqualTo("CreditCard");
                assertThat(created.path("paymentInfo").path("status").asText()).isEqualTo("Declined");
                assertThat(created.path("paymentInfo").path("transactionId").asText()).isNotBlank();
                assertThat(created.path("lineItems")).hasSize(1);
            }
            assertThat(clarity.paymentStatus(clarity.state().order(ids.get(0)).orElseThrow())).isEqualTo("Declined");
            assertThat(new SimHttp(clarity.url()).call("POST", "/sim/orders/" + ids.get(0) + "/capture", null)
                    .status()).isEqualTo(409);
        }
    }
}
