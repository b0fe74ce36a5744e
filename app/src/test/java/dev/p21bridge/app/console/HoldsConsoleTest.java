package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.app.holds.MemoryHoldBook;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Holds page lists held orders with their reasons, e-mails masked, and decides only after a confirmation and
 * with the session's CSRF token; {@code /api/holds} wants the bearer token.
 */
class HoldsConsoleTest {

    private static final String TOKEN = "test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final MemoryHoldBook book = new MemoryHoldBook();
    private OpsConsole console;

    @BeforeEach
    void start() {
        book.put(new Hold("xcart:10452", "xcart", "1000123", 72,
                List.of("velocity-email dana.whitfield@example.com 5 orders in 10 min (40)", "country-mismatch US/NG (32)"),
                "risk 72: velocity-email dana.whitfield@example.com 5 orders in 10 min", HoldState.HELD,
                Instant.now().minus(Duration.ofMinutes(95)), null, null, null));
        console = new OpsConsole(Metrics.prometheus("test"), List.of(), Map::of,
                new AdminApi(new DeadLetterStore(new Properties()), TOKEN)).withHolds(book)
                .start(ListenAddress.LOOPBACK, 0);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void shouldListHoldsWithMaskedReasonsAndDecideAfterTheConfirmationWithTheCsrfToken() throws Exception {
        String cookie = login();
        String page = send(HttpRequest.newBuilder(url("/holds")).header("Cookie", cookie)).body();
        assertThat(page).contains("<td>xcart:10452</td>", "1 h 35 min", "d***@example.com", "href=\"/holds\"")
                .doesNotContain("dana.whitfield@");
        String csrf = csrf(page);

        HttpResponse<String> forged = form(cookie, "/holds/decide", "key=xcart%3A10452&decision=reject");
        assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);
        String confirmation = form(cookie, "/holds/confirm", "csrf=" + csrf + "&key=xcart%3A10452&decision=reject")
                .body();
        assertThat(confirmation).contains("Reject xcart:10452?", "id=\"confirm-decision\"");
        assertThat(book.written).as("nothing decided by the confirmation page").isEmpty();

        HttpResponse<String> decided = form(cookie, "/holds/decide", "csrf=" + csrf
                + "&key=xcart%3A10452&decision=reject");

        assertThat(decided.statusCode()).isEqualTo(303);
        assertThat(book.written).singleElement().satisfies(hold -> {
            assertThat(hold.state()).isEqualTo(HoldState.REJECTED);
            assertThat(hold.decidedBy()).isEqualTo("console");
        });
        HttpResponse<String> again = form(cookie, "/holds/decide", "csrf=" + csrf
                + "&key=xcart%3A10452&decision=approve");
        assertThat(again.headers().firstValue("Location").orElseThrow()).contains("error=").contains("not+held");
    }

    @Test
    void shouldAnswerTheApiOnlyWithTheBearerToken() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/api/holds"))).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(url("/api/holds/xcart:10452/approve"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);

        HttpResponse<String> listed = send(HttpRequest.newBuilder(url("/api/holds"))
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"orderKey\":\"xcart:10452\"", "\"ageMinutes\":95")
                .doesNotContain("dana.whitfield@");
        assertThat(book.written).isEmpty();
    }

    private String login() throws Exception {
        HttpResponse<String> login = form(null, "/login", "token=" + TOKEN + "&next=%2Fholds");
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> form(String cookie, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a form with the CSRF token").isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }
}
