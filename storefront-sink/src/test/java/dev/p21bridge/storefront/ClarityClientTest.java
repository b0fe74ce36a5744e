package dev.p21bridge.storefront;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.storefront.StorefrontClient.ShipOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClarityClientTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private StubClarity stub;
    private ClarityClient client;

    @BeforeEach
    void setUp() {
        stub = new StubClarity();
        stub.addProduct("HX-4410", 5, "10.00");
        client = ClientFixtures.clarity(stub, new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void shouldPatchQuantityAvailableAndPriceBySkuWithTheBearerToken() {
        assertThat(client.setStock("HX-4410", 12)).isTrue();
        assertThat(client.setPrice("HX-4410", new BigDecimal("12.3400"))).isTrue();

        List<StubStorefront.Call> calls = stub.calls(c -> true);
        assertThat(calls).extracting(c -> c.method() + " " + c.path() + " " + c.body()).containsExactly(
                "PATCH /API-Storefront/Inventory/Product/BySKU/HX-4410 {\"QuantityAvailable\":12}",
                "PATCH /API-Storefront/Pricing/Product/BySKU/HX-4410 {\"Price\":\"12.34\"}");
        assertThat(calls).allSatisfy(c -> assertThat(c.headers()).containsEntry("auth", "Bearer " + StubClarity.TOKEN));
        assertThat(stub.products.get("HX-4410").amount).isEqualTo(12);
    }

    @Test
    void shouldReadQuantityAvailableBySkuAndNothingForASkuClarityDoesNotSell() {
        stub.products.values().iterator().next().amount = 6;
        String sku = stub.products.values().iterator().next().sku;

        assertThat(client.stock(sku)).hasValue(6);
        assertThat(client.stock("NOT-SOLD")).isEmpty();
    }

    @Test
    void shouldAnswerFalseForASkuClarityDoesNotSell() {
        assertThat(client.setStock("NOT-SOLD", 3)).isFalse();
    }

    @Test
    void shouldCallShipWithTrackingAndCarrierAfterReadingTheOrder() {
        stub.addOrder("CL-1001", "Confirmed");

        assertThat(client.ship("CL-1001", "UPS", List.of("1Z999"))).isEqualTo(ShipOutcome.CHANGED);

        assertThat(stub.calls(c -> true)).extracting(c -> c.method() + " " + c.path() + " " + c.body()).containsExactly(
                "GET /API-Storefront/Ordering/SalesOrder/CL-1001 ",
                "PATCH /API-Storefront/Ordering/SalesOrder/Ship/CL-1001 {\"TrackingNumbers\":[\"1Z999\"],\"Carrier\":\"UPS\"}");
        assertThat(stub.orders.get("CL-1001").status).isEqualTo("Shipped");
        assertThat(stub.orders.get("CL-1001").tracking).containsExactly("1Z999");
    }

    @Test
    void shouldSendOnlyTheMissingTrackingNumbersToAShippedOrderAndNothingWhenNoneIsMissing() {
        stub.addOrder("CL-1002", "Shipped").tracking.add("1Z1");

        assertThat(client.ship("CL-1002", null, List.of("1Z1"))).isEqualTo(ShipOutcome.ALREADY_DONE);
        assertThat(client.ship("CL-1002", null, List.of("1Z1", "1Z2"))).isEqualTo(ShipOutcome.CHANGED);

        assertThat(stub.calls(c -> c.method().equals("PATCH"))).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("{\"TrackingNumbers\":[\"1Z2\"]}"));
    }

    @Test
    void shouldLeaveACompletedOrderAsItIs() {
        stub.addOrder("CL-1003", "Completed");

        assertThat(client.ship("CL-1003", null, List.of("1Z3"))).isEqualTo(ShipOutcome.LEFT_AS_IS);
        assertThat(stub.stateChangingCalls("SalesOrder")).isZero();
    }

    @Test
    void shouldTurnActionSucceededFalseIntoARefusalWithClaritysMessage() {
        stub.addOrder("CL-1004", "Voided");

        assertThatThrownBy(() -> client.ship("CL-1004", null, List.of("1Z4")))
                .isInstanceOfSatisfying(StorefrontCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo(
                            "sales order CL-1004: Sales order CL-1004 is Voided and cannot be changed");
                    assertThat(new StorefrontErrorPolicy().classify(e)).isEqualTo(StorefrontErrorPolicy.Verdict.REJECTED);
                });
    }
}
