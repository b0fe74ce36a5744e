package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XCartPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepOrdersStockAndTrackingAcrossARestart() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        List<String> before;
        BigDecimal total;
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            before = xcart.checkout(CheckoutRequest.ofSku(3, "HX-4410", 5));
            total = xcart.order(before.get(0)).orElseThrow().order().total();
            xcart.state().setStatus(before.get(0), "S");
            xcart.state().addTracking(before.get(0), List.of("1Z999AA10123456784"), null);
            xcart.state().updateProduct("WSH-0375-Z", 7, new BigDecimal("19.99"));
        }
        assertThat(dataDir.resolve("xcart-simulator.json")).exists();

        try (XCartSimulator xcart = new XCartSimulator(config)) {
            OrderView shipped = xcart.order(before.get(0)).orElseThrow();
            assertThat(shipped.status()).isEqualTo("S");
            assertThat(shipped.trackingNumbers()).containsExactly("1Z999AA10123456784");
            assertThat(shipped.order().total()).isEqualByComparingTo(total);
            assertThat(shipped.order().lines()).singleElement()
                    .satisfies(line -> assertThat(line.quantity()).isEqualTo(5));
            assertThat(xcart.order(before.get(2))).isPresent();
            assertThat(xcart.product("HX-4410").orElseThrow().amount()).isEqualTo(10_000 - 15);
            assertThat(xcart.product("WSH-0375-Z").orElseThrow().amount()).isEqualTo(7);
            assertThat(xcart.product("WSH-0375-Z").orElseThrow().price()).isEqualByComparingTo("19.99");
            assertThat(xcart.checkout(CheckoutRequest.of(1))).containsExactly("20004");
        }
        assertThat(dataDir.resolve("xcart-simulator.json.tmp")).doesNotExist();
        assertThat(Files.isRegularFile(dataDir.resolve("xcart-simulator.json"))).isTrue();
    }

    @Test
    void shouldForgetEverythingOnReset() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            String id = xcart.checkout(CheckoutRequest.ofSku(1, "HX-4410", 5)).get(0);
            xcart.reset();
            assertThat(xcart.order(id)).isEmpty();
            assertThat(xcart.product("HX-4410").orElseThrow().amount()).isEqualTo(10_000);
        }
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            assertThat(xcart.checkout(CheckoutRequest.of(1))).containsExactly("20001");
        }
    }
}
