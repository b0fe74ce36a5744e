package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.reconciliation.Money;
import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.ReconciliationDifference;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation page wants a login, the API a bearer token, and what storefronts sent is shown escaped. */
class ReconciliationPageTest {

    private static final String TOKEN = "test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String HOSTILE_KEY = "xcart:<script>alert(1)</script>";

    private OpsConsole console;

    @BeforeEach
    void start() {
        List<OrderReconciliation> latest = List.of(order(HOSTILE_KEY, DifferenceReason.PAID_TWICE),
                order("xcart:2", null));
        console = new OpsConsole(Metrics.prometheus("test"), List.of(), java.util.Map::of,
                new AdminApi(new DeadLetterStore(new Properties()), TOKEN), () -> latest)
                .start(ListenAddress.LOOPBACK, 0);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void shouldSendAVisitorWithoutLoginToTheLoginForm() throws Exception {
        HttpResponse<String> page = get("/reconciliation?from=2026-03-01&to=2026-03-31", null, null);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("/login?next="));
    }

    @Test
    void shouldRefuseAWrongTokenAtLogin() throws Exception {
        assertThat(login("not-the-token").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldShowTheOrdersWithDifferencesEscapedAfterLogin() throws Exception {
        HttpResponse<String> login = login(TOKEN);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> page = get("/reconciliation?from=2026-03-01&to=2026-03-31", cookie, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("orders 2, balanced 1, with differences 1", "PAID_TWICE",
                "xcart:&lt;script&gt;alert(1)&lt;/script&gt;", "href=\"/reconciliation\"")
                .doesNotContain("<script>alert").doesNotContain("@");
    }

    @Test
    void shouldNameABadDateOnThePage() throws Exception {
        String cookie = login(TOKEN).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> page = get("/reconciliation?from=<b>&to=2026-03-31", cookie, null);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("from must be a date").doesNotContain("<b>");
    }

    @Test
    void shouldAnswerTheApiOnlyWithTheBearerToken() throws Exception {
        assertThat(get("/api/reconciliation?from=2026-03-01&to=2026-03-31", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/reconciliation?from=2026-03-01&to=2026-03-31", null, "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> answer = get("/api/reconciliation?from=2026-03-01&to=2026-03-31", null, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"summary\":\"orders 2, balanced 1, with differences 1\"",
                "\"reason\":\"PAID_TWICE\"", "\"captured\":\"100.00\"");
    }

    @Test
    void shouldNameTheBadParameterOfTheApi() throws Exception {
        HttpResponse<String> noTo = get("/api/reconciliation?from=2026-03-01", null, TOKEN);
        HttpResponse<String> unknownStore = get("/api/reconciliation?from=2026-03-01&to=2026-03-31&store=shopify", null, TOKEN);

        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(noTo.body()).contains("to is required");
        assertThat(unknownStore.statusCode()).isEqualTo(400);
        assertThat(unknownStore.body()).contains("unknown store 'shopify'");
    }

    private HttpResponse<String> login(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&next=%2Freconciliation")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path.replace("<", "%3C").replace(">", "%3E")));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }

    private static OrderReconciliation order(String key, DifferenceReason reason) {
        BigDecimal hundred = Money.of(new BigDecimal("100"));
        return OrderReconciliation.newBuilder().setOrderKey(key).setStore("xcart")
                .setOrderDate(Instant.parse("2026-03-02T10:00:00Z")).setCurrency("USD").setStorefrontTotal(hundred)
                .setCaptured(hundred).setRefunded(Money.ZERO).setNetPaid(hundred).setP21OrderNo("5001")
                .setP21SkippedReason(null).setP21ReceiptsNet(hundred).setInvoiceTotal(hundred).setCreditTotal(Money.ZERO)
                .setDifferences(reason == null ? List.of() : List.of(ReconciliationDifference.newBuilder()
                        .setReason(reason).setReference("T-1").setAmount(hundred)
                        .setMessage("Storefront capture T-1 of 100.00 has 2 live P21 receipts.").build()))
                .setBalanced(reason == null).build();
    }
}
