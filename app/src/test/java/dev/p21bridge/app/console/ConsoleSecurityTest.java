package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login makes a session cookie a script cannot read; forms need the session's CSRF token; the API only the token. */
class ConsoleSecurityTest {

    private static final String TOKEN = "test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private OpsConsole console;

    @BeforeEach
    void start() {
        console = new OpsConsole(Metrics.prometheus("test"), List.of(), Map::of,
                new AdminApi(new DeadLetterStore(new Properties()), TOKEN)).start(ListenAddress.LOOPBACK, 0);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void shouldGiveAnHttpOnlyStrictSessionCookieThatIsNotTheToken() throws Exception {
        String setCookie = login().headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(setCookie).startsWith(ConsoleLogin.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain(TOKEN).doesNotContain("Secure");
    }

    @Test
    void shouldMarkTheCookieSecureBehindAnHttpsProxy() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(url("/login")).header("X-Forwarded-Proto", "https")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void shouldRefuseALogoutWithoutTheSessionsCsrfTokenAndAcceptItWithIt() throws Exception {
        String cookie = cookie(login());
        String csrf = csrf(get("/dead-letters?service=nobody", cookie).body());

        assertThat(post("/logout", cookie, "").statusCode()).isEqualTo(403);
        assertThat(post("/logout", cookie, "csrf=" + "0".repeat(64)).statusCode()).isEqualTo(403);
        assertThat(get("/dead-letters?service=nobody", cookie).statusCode()).isEqualTo(400);

        HttpResponse<String> logout = post("/logout", cookie, "csrf=" + csrf);
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(get("/dead-letters", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void shouldRefuseAReplayFormWithoutCsrfBeforeReadingAnything() throws Exception {
        String cookie = cookie(login());

        assertThat(post("/dead-letters/p21-sink/replay", cookie, "id=0:1").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldSendEveryPageWithoutASessionToTheLoginForm() throws Exception {
        for (String page : List.of("/dead-letters", "/dead-letters/p21-sink/0/1", "/reconciliation")) {
            HttpResponse<String> answer = get(page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).startsWith("/login?next=");
        }
    }

    @Test
    void shouldAnswer401ToEveryApiCallWithoutTheBearerToken() throws Exception {
        String cookie = cookie(login());
        for (String api : List.of("/api/dlq/p21-sink", "/api/links", "/api/flows", "/api/reconciliation")) {
            assertThat(get(api, null).statusCode()).as(api).isEqualTo(401);
            assertThat(get(api, cookie).statusCode()).as(api + " with a session cookie").isEqualTo(401);
        }
    }

    @Test
    void shouldServeHtmxAndUPlotFromTheConsoleItself() throws Exception {
        for (String asset : List.of(PageFrame.HTMX, PageFrame.UPLOT, PageFrame.UPLOT_CSS, "/console/console.js")) {
            assertThat(get(asset, null).statusCode()).as(asset).isEqualTo(200);
        }
    }

    private HttpResponse<String> login() throws Exception {
        return post("/login", null, "token=" + TOKEN + "&next=%2Fdead-letters");
    }

    private static String cookie(HttpResponse<String> login) {
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String csrf(String page) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"").matcher(page);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }
}
