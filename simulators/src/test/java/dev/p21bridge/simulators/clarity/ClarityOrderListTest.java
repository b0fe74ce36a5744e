package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clarity's sales-order list (a route this simulator invents, in Clarity's search-model style). */
class ClarityOrderListTest {

    private static final String[] AUTH = {"Authorization", "Bearer clarity-dev-token"};
    private static ClaritySimulator clarity;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0).withWebhookUrl(null))
                .start();
        http = new SimHttp(clarity.url());
    }

    @AfterAll
    static void stop() {
        clarity.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.call("POST", "/sim/reset", "{}").status()).isEqualTo(200);
    }

    @Test
    void shouldPageByLastChangeNewestFirstWithCountsInTheEnvelope() {
        List<String> placed = clarity.checkout(CheckoutRequest.of(120).withRates(0.0, 0));
        clarity.cancelOrder(placed.get(0));

        JsonNode page1 = list("Paging.StartIndex=1&Paging.Size=1000&Sorts=UpdatedDate:desc");
        JsonNode page2 = list("Paging.StartIndex=2&Paging.Size=100&Sorts=UpdatedDate:desc");

        assertThat(page1.path("Results").size()).isEqualTo(100);
        assertThat(page1.path("TotalCount").asInt()).isEqualTo(120);
        assertThat(page1.path("TotalPages").asInt()).isEqualTo(2);
        assertThat(page1.path("Results").get(0).path("orderId").asText()).isEqualTo(placed.get(0));
        assertThat(page1.path("Results").get(0).path("updatedDate").isTextual()).isTrue();
        List<String> ids = new ArrayList<>();
        page1.path("Results").forEach(order -> ids.add(order.path("orderId").asText()));
        page2.path("Results").forEach(order -> ids.add(order.path("orderId").asText()));
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(placed);
    }

    @Test
    void shouldFilterOnTheCreationDateAndRefuseBadParameters() {
        clarity.checkout(CheckoutRequest.of(3).withRates(0.0, 0));
        long now = Instant.now().getEpochSecond();

        assertThat(list("MinDate=" + (now - 60)).path("Results").size()).isEqualTo(3);
        assertThat(list("MaxDate=" + (now - 60)).path("Results").size()).isZero();
        assertThat(list("Sorts=CreatedDate:asc").path("Results").get(0).path("orderId").asText())
                .isEqualTo(new ClarityOrderGenerator(1).orderId(ClarityOrderGenerator.FIRST_ORDER_NUMBER));
        assertThat(http.get("/API-Storefront/Ordering/SalesOrders?Sorts=Total:desc", AUTH).status()).isEqualTo(400);
        assertThat(http.get("/API-Storefront/Ordering/SalesOrders?Paging.Size=0", AUTH).status()).isEqualTo(400);
        assertThat(http.get("/API-Storefront/Ordering/SalesOrders").status()).isEqualTo(401);
    }

    @Test
    void shouldListAnOrderCommittedLateOnlyAfterItsCommit() {
        clarity.checkout(CheckoutRequest.of(1).withRates(0.0, 0).withCommitDelay(Duration.ofMillis(1_000)));

        assertThat(list("Sorts=UpdatedDate:desc").path("TotalCount").asInt()).isZero();
        Await.until("the late order is listed", Duration.ofSeconds(10),
                () -> list("Sorts=UpdatedDate:desc").path("TotalCount").asInt() == 1);
    }

    private static JsonNode list(String query) {
        SimHttp.Answer answer = http.get("/API-Storefront/Ordering/SalesOrders?" + query, AUTH);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().path("ActionSucceeded").asBoolean()).isTrue();
        return answer.json().path("Result");
    }
}
