package dev.p21bridge.simulators.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CheckoutRequestTest {

    @Test
    void shouldReadEveryDocumentedOption() {
        CheckoutRequest request = CheckoutRequest.fromJson(json("{\"count\":5,\"redeliveryRate\":0.5,"
                + "\"duplicateCreateRate\":0.2,\"lines\":{\"min\":2,\"max\":3},\"customers\":7}"));

        assertThat(request).isEqualTo(new CheckoutRequest(5, 0.5, 0.2, 2, 3, null, null, 7));
    }

    @Test
    void shouldReadTheCaptureOptionAndLeaveItAbsentByDefault() {
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1,\"capture\":\"none\"}")).capture())
                .isEqualTo(CheckoutRequest.Capture.NONE);
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1,\"capture\":\"mixed\"}")).capture())
                .isEqualTo(CheckoutRequest.Capture.MIXED);
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1}")).capture()).isNull();
        for (String body : new String[] {"{\"count\":1,\"capture\":\"all\"}", "{\"count\":1,\"capture\":true}"}) {
            assertThatThrownBy(() -> CheckoutRequest.fromJson(json(body))).as(body)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capture");
        }
    }

    @Test
    void shouldReadThePaymentOptionAndDeclineNothingByDefault() {
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1,\"payment\":\"declined\"}")).payment())
                .isEqualTo(CheckoutRequest.Payment.DECLINED);
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1,\"payment\":\"mixed\"}")).payment())
                .isEqualTo(CheckoutRequest.Payment.MIXED);
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1}")).payment()).isNull();
        assertThat(CheckoutRequest.of(1).withPayment(CheckoutRequest.Payment.DECLINED).payment())
                .isEqualTo(CheckoutRequest.Payment.DECLINED);
        for (String body : new String[] {"{\"count\":1,\"payment\":\"failed\"}", "{\"count\":1,\"payment\":1}"}) {
            assertThatThrownBy(() -> CheckoutRequest.fromJson(json(body))).as(body)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("payment must be");
        }
    }

    @Test
    void shouldDefaultToTheConfiguredRedeliveryRateAndOneToFortyLines() {
        assertThat(CheckoutRequest.fromJson(json("{\"count\":1}"))).isEqualTo(CheckoutRequest.of(1));
    }

    @Test
    void shouldMakeEveryOrderOneLineOfTheGivenSku() {
        assertThat(CheckoutRequest.fromJson(json("{\"count\":2,\"sku\":\"HX-4410\",\"quantity\":3}")))
                .isEqualTo(CheckoutRequest.ofSku(2, "HX-4410", 3));
    }

    @Test
    void shouldRefuseCountsOutsideOneToAHundredThousandAndBadOptions() {
        for (String body : new String[] {"{\"count\":0}", "{\"count\":100001}", "{}", "[]", "{\"count\":1.5}",
            "{\"count\":\"3\"}", "{\"count\":1,\"redeliveryRate\":2}", "{\"count\":1,\"lines\":{\"min\":5,\"max\":2}}",
            "{\"count\":1,\"quantity\":0}", "{\"count\":1,\"customers\":0}", "{\"count\":1,\"sku\":7}"}) {
            assertThatThrownBy(() -> CheckoutRequest.fromJson(json(body))).as(body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldReadTheRiskShareAndPlaceNoRiskyOrderByDefault() {
        assertThat(CheckoutRequest.fromJson(json("{\"count\":10,\"risk\":{\"share\":0.03}}")).riskShare())
                .isEqualTo(0.03);
        assertThat(CheckoutRequest.fromJson(json("{\"count\":10,\"risk\":null}")).riskShare()).isZero();
        assertThat(CheckoutRequest.fromJson(json("{\"count\":10}")).riskShare()).isZero();
        assertThat(CheckoutRequest.of(10).withRisk(0.5).riskShare()).isEqualTo(0.5);
    }

    @Test
    void shouldRefuseABadRiskNamingTheProblem() {
        String[][] cases = {
            {"{\"count\":10,\"risk\":0.03}", "risk must be an object like {\"share\": 0.03}, got 0.03"},
            {"{\"count\":10,\"risk\":[0.03]}", "risk must be an object"},
            {"{\"count\":10,\"risk\":{}}", "risk.share must be a number in [0, 0.5], got nothing"},
            {"{\"count\":10,\"risk\":{\"share\":\"3%\"}}", "risk.share must be a number in [0, 0.5], got \"3%\""},
            {"{\"count\":10,\"risk\":{\"share\":0.51}}", "risk.share must lie in [0, 0.5], got 0.51"},
            {"{\"count\":10,\"risk\":{\"share\":-0.01}}", "risk.share must lie in [0, 0.5], got -0.01"},
            {"{\"count\":10,\"sku\":\"HX-4410\",\"risk\":{\"share\":0.1}}", "risk cannot be combined with sku"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> CheckoutRequest.fromJson(json(c[0]))).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(c[1]);
        }
    }

    private static JsonNode json(String text) {
        try {
            return StorefrontJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
