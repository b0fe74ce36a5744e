package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClarityPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepCapturesReturnsAndRefundsAcrossARestart() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.clarityDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        String id;
        try (ClaritySimulator clarity = new ClaritySimulator(config)) {
            id = clarity.checkout(CheckoutRequest.ofSku(1, "BV-075-SWT", 2)
                    .withCapture(CheckoutRequest.Capture.NONE)).get(0);
            clarity.cash().capture(id, new BigDecimal("20.00"));
            clarity.cash().openReturn(id, new CashDesk.ReturnRequest(
                    List.of(new CashDesk.ReturnRequest.Line("bv-075-swt ", 1)), "Wrong size", "", false));
            clarity.cash().refund(null, "RT-3301", new BigDecimal("5.00"));
        }

        try (ClaritySimulator clarity = new ClaritySimulator(config)) {
            Order order = clarity.state().order(id).orElseThrow();
            assertThat(order.captured()).isEqualByComparingTo("20.00");
            assertThat(order.refunded()).isEqualByComparingTo("5.00");
            assertThat(clarity.paymentStatus(order)).isEqualTo("Partial Payment Received");
            assertThat(clarity.cash().refund(null, "RT-3301", new BigDecimal("5.00")).changed()).isFalse();
            assertThat(clarity.state().orderOfReturn(1)).contains(id);
        }
    }

    @Test
    void shouldKeepOrdersAndTheirStatusAcrossARestart() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.clarityDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        String id;
        try (ClaritySimulator clarity = new ClaritySimulator(config)) {
            id = clarity.checkout(CheckoutRequest.of(1)).get(0);
            clarity.state().setStatus(id, "Shipped");
            clarity.state().addTracking(id, List.of("1Z1", "1Z1", "1Z2"), "UPS");
        }
        assertThat(dataDir.resolve("clarity-simulator.json")).exists();

        try (ClaritySimulator clarity = new ClaritySimulator(config)) {
            assertThat(clarity.order(id).orElseThrow().status()).isEqualTo("Shipped");
            assertThat(clarity.order(id).orElseThrow().trackingNumbers()).containsExactly("1Z1", "1Z2");
            assertThat(clarity.order(id).orElseThrow().order().carrier()).isEqualTo("UPS");
            assertThat(clarity.checkout(CheckoutRequest.of(1))).containsExactly("CL-2026-001002");
        }
    }
}
