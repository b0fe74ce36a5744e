package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderDetail;
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
    void shouldKeepOnlyTheNewestOrdersAndTheirCallCountsWhenTheKeptNumberIsReached() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir).withOrdersKept(3);
        List<String> ids;
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            ids = xcart.checkout(CheckoutRequest.ofSku(5, "HX-4410", 1));
            ids.forEach(id -> xcart.calls().order(id, "shipping_status=S"));

            assertThat(xcart.order(ids.get(0))).isEmpty();
            assertThat(xcart.order(ids.get(1))).isEmpty();
            assertThat(xcart.order(ids.get(4))).isPresent();
            assertThat(xcart.calls().counts().perOrder()).containsOnlyKeys(ids.subList(2, 5));
            assertThat(xcart.calls().counts().total()).isEqualTo(5);
            assertThat(xcart.product("HX-4410").orElseThrow().amount()).isEqualTo(10_000 - 5);
        }

        try (XCartSimulator xcart = new XCartSimulator(config.withOrdersKept(2))) {
            assertThat(xcart.order(ids.get(2))).isEmpty();
            assertThat(xcart.order(ids.get(3))).isPresent();
            assertThat(xcart.checkout(CheckoutRequest.of(1))).containsExactly(Integer.toString(Integer.parseInt(ids.get(4)) + 1));
        }
    }

    @Test
    void shouldKeepCapturesReturnsRefundsAndDetailsAcrossARestartAndNeverReuseTheirIds() {
        StorefrontSimulatorConfig config = StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)
                .withDataDir(dataDir);
        List<String> ids;
        try (XCartSimulator xcart = new XCartSimulator(config)) {
            ids = xcart.checkout(CheckoutRequest.ofSku(2, "HX-4410", 5).withCapture(CheckoutRequest.Capture.NONE));
            xcart.cash().capture(ids.get(0), new BigDecimal("10.00"));
            CashDesk.Opened opened = xcart.cash().openReturn(ids.get(0), new CashDesk.ReturnRequest(
                    List.of(new CashDesk.ReturnRequest.Line("HX-4410", 1)), "Damaged", "", false));
            xcart.cash().refund(ids.get(0), "501", new BigDecimal("4.00"));
            xcart.cash().putDetail(ids.get(0), new OrderDetail("p21_invoice_no", "P21 invoice", "INV77"));
            assertThat(opened.opened().number()).isEqualTo(1);
        }

        try (XCartSimulator xcart = new XCartSimulator(config)) {
            Order order = xcart.state().order(ids.get(0)).orElseThrow();
            assertThat(order.captured()).isEqualByComparingTo("10.00");
            assertThat(order.refunded()).isEqualByComparingTo("4.00");
            assertThat(order.cash().returns()).singleElement().satisfies(r -> assertThat(r.hasRefund()).isTrue());
            assertThat(order.cash().detail("p21_invoice_no")).isEqualTo("INV77");
            assertThat(xcart.paymentStatus(order)).isEqualTo("PR");
            assertThat(xcart.cash().capture(ids.get(1), null).payment().number()).isEqualTo(3);
            assertThat(xcart.cash().openReturn(ids.get(1), new CashDesk.ReturnRequest(
                    List.of(new CashDesk.ReturnRequest.Line("HX-4410", 1)), "Damaged", "", false)).opened().number())
                    .isEqualTo(2);
            assertThat(xcart.cash().refund(null, "501", new BigDecimal("4.00")).changed()).isFalse();

            xcart.reset();
            assertThat(xcart.state().order(ids.get(0))).isEmpty();
            String fresh = xcart.checkout(CheckoutRequest.of(1).withCapture(CheckoutRequest.Capture.NONE)).get(0);
            assertThat(xcart.cash().capture(fresh, null).payment().number()).isEqualTo(1);
        }
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
