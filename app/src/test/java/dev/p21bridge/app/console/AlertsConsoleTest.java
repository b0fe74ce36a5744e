package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.console.alerts.AlertConfig;
import dev.p21bridge.app.console.alerts.AlertExports;
import dev.p21bridge.app.console.alerts.AlertKind;
import dev.p21bridge.app.console.alerts.AlertMonitor;
import dev.p21bridge.app.console.alerts.AlertReadings;
import dev.p21bridge.app.console.alerts.AlertRule;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.http.Metrics;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/alerts} wants the bearer token and lists the rules' states; the Alerts page wants a session. */
class AlertsConsoleTest {

    private static final String TOKEN = "test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T15:00:00Z"));
    private final PrometheusMeterRegistry metrics = Metrics.prometheus("test");
    private OpsConsole console;
    private AlertMonitor alerts;

    @BeforeEach
    void start() {
        AlertConfig config = AlertConfig.from(new dev.p21bridge.platform.config.Environment(Map.of(
                "BRIDGE_ALERT_WEBHOOK_URL", "http://127.0.0.1:9/hooks/secret-token")));
        alerts = new AlertMonitor(List.of(
                new AlertRule("p21-circuit-open", AlertKind.CIRCUIT_OPEN, "p21-sink", 0, Duration.ZERO, null),
                new AlertRule("p21-sink-dead-letters", AlertKind.DEAD_LETTERS, "p21-sink", 0, Duration.ofMinutes(5), null)),
                () -> new AlertReadings(clock.instant(), Map.of(), Map.of("p21-sink", 0), Map.of("p21-sink", "OPEN"),
                        null, null, null), List.of(), config, clock, metrics);
        console = new OpsConsole(metrics, List.of(), Map::of,
                new AdminApi(new DeadLetterStore(new Properties()), TOKEN)).withAlerts(alerts)
                .start(ListenAddress.LOOPBACK, 0);
        alerts.evaluate();
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void shouldAnswer401WithoutTheTokenAndTheRulesStatesWithIt() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/api/alerts"))).statusCode()).isEqualTo(401);

        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/alerts"))
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode rules = new ObjectMapper().readTree(answer.body()).path("rules");
        assertThat(rules.get(0).path("name").asText()).isEqualTo("p21-circuit-open");
        assertThat(rules.get(0).path("state").asText()).isEqualTo("firing");
        assertThat(rules.get(0).path("detail").asText()).isEqualTo("circuit of p21-sink is OPEN");
        assertThat(rules.get(1).path("state").asText()).isEqualTo("inactive");
        assertThat(answer.body()).doesNotContain("secret-token");
    }

    @Test
    void shouldListTheRulesOnTheAlertsPageOnlyWithASession() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/alerts"))).statusCode()).isEqualTo(303);

        HttpResponse<String> login = send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN + "&next=%2Falerts")));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = send(HttpRequest.newBuilder(url("/alerts")).header("Cookie", cookie)).body();
        assertThat(page).contains("id=\"alert-p21-circuit-open\" data-state=\"firing\"")
                .contains("id=\"alert-p21-sink-dead-letters\" data-state=\"inactive\"")
                .contains("hx-get=\"/alerts/rows\"").doesNotContain("secret-token");
    }

    @Test
    void shouldExportEachRulesStateAsAGauge() throws Exception {
        String scrape = send(HttpRequest.newBuilder(url("/metrics"))).body();
        assertThat(scrape).contains("bridge_alert_state{rule=\"p21-circuit-open\",service=\"test\"} 2.0")
                .contains("bridge_alert_value{rule=\"p21-circuit-open\",service=\"test\"} 1.0");
    }

    @Test
    void theGeneratorKnowsTheFlowsTheConsoleSamples() {
        assertThat(Flow.all("transformer", dev.p21bridge.platform.config.StoreSettings.STORES.defaultValue()).stream().map(Flow::name).collect(Collectors.toSet()))
                .isEqualTo(AlertExports.FLOWS);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }
}
