package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** X-Cart 5.5's order list, what a poller of a store without webhooks reads. */
class XCartOrderListTest {

    private static final String[] AUTH = {"X-Auth-Token", "xcart-dev-token"};
    private static XCartSimulator xcart;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        // webhooks go nowhere: nothing listens on port 9 of loopback
        xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                .withWebhookUrl(URI.create("http://127.0.0.1:9/webhooks/xcart"))).start();
        http = new SimHttp(xcart.url());
    }

    @AfterAll
    static void stop() {
        xcart.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.call("POST", "/sim/reset", "{}").status()).isEqualTo(200);
        assertThat(http.call("POST", "/sim/webhooks", "{\"enabled\":false}").json().path("enabled").asBoolean())
                .isFalse();
    }

    @Test
    void shouldPageTheOrdersNewestChangeFirstAtMostOneHundredAPage() {
        xcart.checkout(CheckoutRequest.of(130).withRates(0.0, 0));
        String first = Long.toString(XCartOrderGenerator.FIRST_ORDER_ID);
        xcart.cancelOrder(first);

        JsonNode page1 = list("page=1&itemsPerPage=500&order%5BlastRenewDate%5D=desc");
        JsonNode page2 = list("page=2&itemsPerPage=500&order%5BlastRenewDate%5D=desc");

        assertThat(page1.size()).isEqualTo(100);
        assertThat(page2.size()).isEqualTo(30);
        assertThat(page1.get(0).path("id").asText()).isEqualTo(first);
        List<String> ids = new ArrayList<>();
        page1.forEach(order -> ids.add(order.path("id").asText()));
        page2.forEach(order -> ids.add(order.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(130);
        assertThat(changeTimes(page1)).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void shouldSortByCreationAndFilterOnTheCreationDateOnly() {
        xcart.checkout(CheckoutRequest.of(5).withRates(0.0, 0));
        long now = Instant.now().getEpochSecond();

        JsonNode oldestFirst = list("order%5Bdate%5D=asc");
        assertThat(oldestFirst.get(0).path("id").asLong()).isEqualTo(XCartOrderGenerator.FIRST_ORDER_ID);
        assertThat(list("date%5Bafter%5D=" + (now - 3600))).hasSize(5);
        assertThat(list("date%5Bafter%5D=" + (now + 3600))).isEmpty();
        assertThat(list("date%5Bbefore%5D=2020-01-01")).isEmpty();
        assertThat(list("date%5Bstrictly_before%5D=" + (now + 3600) + "&date%5Bafter%5D=2020-01-01T00:00:00Z"))
                .hasSize(5);
        assertThat(http.get("/api/orders?date%5Bafter%5D=yesterday", AUTH).status()).isEqualTo(400);
        assertThat(http.get("/api/orders?order%5BlastRenewDate%5D=sideways", AUTH).status()).isEqualTo(400);
        assertThat(http.get("/api/orders?page=0", AUTH).status()).isEqualTo(400);
        assertThat(http.get("/api/orders").status()).isEqualTo(401);
    }

    @Test
    void shouldListAnOrderCommittedLateOnlyAfterItsCommitWithItsEarlierTimes() {
        Instant before = Instant.now().minusSeconds(1);
        String late = xcart.checkout(CheckoutRequest.of(1).withRates(0.0, 0)
                .withCommitDelay(Duration.ofMillis(1_500))).get(0);

        assertThat(list("order%5BlastRenewDate%5D=desc")).isEmpty();
        assertThat(xcart.order(late)).isPresent();
        Await.until("the late order is listed", Duration.ofSeconds(10),
                () -> list("order%5BlastRenewDate%5D=desc").size() == 1);
        JsonNode listed = list("order%5BlastRenewDate%5D=desc").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(late);
        Instant changed = OffsetDateTime.parse(listed.path("update_date").asText()).toInstant();
        assertThat(changed).isBetween(before, Instant.now().minusMillis(1_000));
    }

    @Test
    void shouldSendNoWebhookWhileTheyAreOffAndSayWhetherTheyAreOn() {
        CheckoutResult result = xcart.checkoutWithReport(CheckoutRequest.of(3));

        assertThat(result.orders()).hasSize(3);
        assertThat(result.delivered()).isZero();
        assertThat(result.failed()).isZero();
        assertThat(http.get("/sim/webhooks").json().path("enabled").asBoolean()).isFalse();
        assertThat(http.call("POST", "/sim/webhooks", "{\"enabled\":\"no\"}").status()).isEqualTo(400);
        assertThat(http.call("POST", "/sim/webhooks", "{\"enabled\":true}").json().path("enabled").asBoolean())
                .isTrue();
        assertThat(xcart.webhooksEnabled()).isTrue();
    }

    private static JsonNode list(String query) {
        SimHttp.Answer answer = http.get("/api/orders?" + query, AUTH);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().isArray()).isTrue();
        return answer.json();
    }

    private static List<Instant> changeTimes(JsonNode orders) {
        List<Instant> times = new ArrayList<>();
        orders.forEach(order -> times.add(OffsetDateTime.parse(order.path("update_date").asText()).toInstant()));
        return times;
    }
}
