package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClarityPersistenceTest {

    @TempDir
    Path dataDir;

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
