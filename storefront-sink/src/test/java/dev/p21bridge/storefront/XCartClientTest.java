package dev.p21bridge.storefront;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.storefront.StorefrontClient.ShipOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XCartClientTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private StubXCart stub;
    private XCartClient client;

    @BeforeEach
    void setUp() {
        stub = new StubXCart();
        for (int i = 0; i < 250; i++) {
            stub.addProduct("SKU-" + i, 5, "10.00");
        }
        client = ClientFixtures.xcart(stub, metrics, clock);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void shouldPutTheAmountOnTheProductIdFoundByPagingTheCatalogueOnce() {
        assertThat(client.setStock("SKU-249", 17)).isTrue();
        assertThat(client.setStock("sku-3 ", 4)).isTrue();

        assertThat(stub.products.get("SKU-249").amount).isEqualTo(17);
        assertThat(stub.products.get("SKU-3").amount).isEqualTo(4);
        List<StubStorefront.Call> pages = stub.calls(c -> c.path().equals("/api/products"));
        assertThat(pages).hasSize(3);
        StubStorefront.Call put = stub.calls(c -> c.method().equals("PUT")).get(0);
        assertThat(put.path()).isEqualTo("/api/products/" + stub.products.get("SKU-249").id);
        assertThat(put.body()).isEqualTo("{\"amount\":17}");
        assertThat(put.headers()).containsEntry("auth", StubXCart.TOKEN).containsEntry("content-type",
"application/json");
        assertThat(metrics.get("storefront.calls").tags("storefront", "xcart", "kind", "stock", "status", "200")
                .timer().count()).isEqualTo(2);
    }

    @Test
    void shouldReadTheCurrentAmountByProductIdAndNothingForAnUnknownSku() {
        stub.products.get("SKU-7").amount = 3;

        assertThat(client.stock("sku-7")).hasValue(3);
        assertThat(client.stock("NOT-SOLD")).isEmpty();
        assertThat(stub.calls(c -> c.method().equals("GET") && c.path().equals("/api/products/"
                + stub.products.get("SKU-7").id))).hasSize(1);
    }

    @Test
    void shouldSendThePriceAsAJsonNumberWithoutAnExponent() {
        assertThat(client.setPrice("SKU-1", new BigDecimal("12.3400"))).isTrue();
        assertThat(client.setPrice("SKU-2", new BigDecimal("1E+2"))).isTrue();

        assertThat(stub.calls(c -> c.method().equals("PUT")).stream().map(StubStorefront.Call::body))
                .containsExactly("{\"price\":12.34}", "{\"price\":100.00}");
        assertThat(stub.products.get("SKU-1").price).isEqualByComparingTo("12.34");
    }

    @Test
    void shouldReloadTheCatalogueForAnUnknownSkuAtMostOncePerMinute() {
        assertThat(client.setStock("NEW-1", 3)).isFalse();
        stub.addProduct("NEW-1", 0, "1.00");
        assertThat(client.setStock("NEW-1", 3)).isFalse();
        long pagesBefore = stub.calls(c -> c.path().equals("/api/products")).size();

        clock.advance(Duration.ofSeconds(61));
        assertThat(client.setStock("NEW-1", 3)).isTrue();

        assertThat(pagesBefore).isEqualTo(3);
        assertThat(stub.calls(c -> c.path().equals("/api/products"))).hasSize(6);
        assertThat(stub.products.get("NEW-1").amount).isEqualTo(3);
    }

    @Test
    void shouldAddTheTrackingNumberBeforeSettingShippingStatusS() {
        stub.addOrder("10452", "P");

        assertThat(client.ship("10452", "UPS", List.of("1Z999", " 1Z999 "))).isEqualTo(ShipOutcome.CHANGED);

        assertThat(stub.orders.get("10452").status).isEqualTo("S");
        assertThat(stub.orders.get("10452").tracking).containsExactly("1Z999");
        assertThat(stub.calls(c -> c.path().startsWith("/api/orders")).stream()
                .map(c -> c.method() + " " + c.path() + " " + c.body())).containsExactly(
                "GET /api/orders/10452 ",
                "POST /api/orders/10452/tracking_numbers {\"value\":\"1Z999\"}",
                "PUT /api/orders/10452/shipping_status {\"code\":\"S\"}");
    }

    @Test
    void shouldAddOnlyTheTrackingNumberOfAPartialShipmentAndLeaveTheStatus() {
        stub.addOrder("10455", "P").tracking.add("1Z1");

        assertThat(client.shipPart("10455", "UPS", List.of("1Z2"))).isEqualTo(ShipOutcome.CHANGED);
        assertThat(client.shipPart("10455", "UPS", List.of("1Z2"))).isEqualTo(ShipOutcome.ALREADY_DONE);

        assertThat(stub.orders.get("10455").status).isEqualTo("P");
        assertThat(stub.orders.get("10455").tracking).containsExactly("1Z1", "1Z2");
    }

    @Test
    void shouldMakeNoStateChangingCallForAnOrderThatAlreadyShowsTheShipment() {
        stub.addOrder("10453", "S").tracking.add("1Z1");
        stub.addOrder("10454", "D").tracking.add("1Z2");

        assertThat(client.ship("10453", null, List.of("1Z1"))).isEqualTo(ShipOutcome.ALREADY_DONE);
        assertThat(client.ship("10454", null, List.of("1Z2"))).isEqualTo(ShipOutcome.ALREADY_DONE);

        assertThat(stub.stateChangingCalls("/api/orders")).isZero();
        assertThat(stub.orders.get("10454").status).isEqualTo("D");
    }

    @Test
    void shouldReportX_CartsOwnMessageWhenItRefusesAnOrder() {
        assertThatThrownBy(() -> client.ship("999", null, List.of("1Z")))
                .isInstanceOfSatisfying(StorefrontCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).isEqualTo("order 999: Not Found");
                });
    }
}
