package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 25's alert test: a P21 outage (the simulator's {@code POST /sim/faults}, 503 to every call) opens the
 * p21-sink's circuit; with a rule "circuit open for 2 s", one e-mail reaches a local SMTP server (GreenMail) and one
 * chat message a local webhook endpoint; after P21 returns, each gets one "resolved" and nothing more.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class AlertsIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> HOOK_BODIES = new CopyOnWriteArrayList<>();
    private static final GreenMail MAIL = smtpServer();
    private static final HttpServer HOOK = hookEndpoint();

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.ofEntries(
            Map.entry("BRIDGE_ALERT_RULES", rulesFile().toString()),
            Map.entry("BRIDGE_ALERT_INTERVAL", "500ms"),
            Map.entry("BRIDGE_CONSOLE_SAMPLE_INTERVAL", "500ms"),
            Map.entry("BRIDGE_ALERT_SMTP_HOST", "127.0.0.1"),
            Map.entry("BRIDGE_ALERT_SMTP_PORT", String.valueOf(MAIL.getSmtp().getPort())),
            Map.entry("BRIDGE_ALERT_SMTP_SECURITY", "none"),
            Map.entry("BRIDGE_ALERT_SMTP_FROM", "bridge@example.com"),
            Map.entry("BRIDGE_ALERT_SMTP_TO", "ops@example.com"),
            Map.entry("BRIDGE_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + HOOK.getAddress().getPort() + "/hook"),
            Map.entry("BRIDGE_CIRCUIT_FAILURES", "3"),
            Map.entry("BRIDGE_CIRCUIT_OPEN_FOR", "2s"),
            Map.entry("BRIDGE_RETRY_DELAYS", "2s,5s,10s")));

    @AfterAll
    static void stopReceivers() {
        MAIL.stop();
        HOOK.stop(0);
    }

    @Test
    void shouldMailAndPostOnceWhenP21IsDownAndOnceMoreWhenItReturns() throws Exception {
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        faults("POST", "{\"errorRate\": 1.0, \"statuses\": [503]}");
        List<String> references = bridge.system().xcart().checkout(CheckoutRequest.of(10).withRates(0.0, 0))
                .stream().map(id -> "xcart:" + id).toList();

        Await.until("one firing e-mail and one firing webhook", Duration.ofSeconds(90),
                () -> MAIL.getReceivedMessages().length >= 1 && HOOK_BODIES.size() >= 1, this::received);
        assertThat(subjects()).containsExactly("[p21-bridge FIRING] p21-circuit-open");
        assertThat(HOOK_BODIES.get(0)).startsWith("{\"text\":\"[p21-bridge FIRING] p21-circuit-open: circuit of p21-sink is");
        assertThat(MAIL.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        assertThat(alertsApi()).contains("\"state\":\"firing\"");

        faults("DELETE", "");
        Await.until("one resolved e-mail and one resolved webhook", Duration.ofSeconds(90),
                () -> MAIL.getReceivedMessages().length >= 2 && HOOK_BODIES.size() >= 2, this::received);
        Await.until("the orders in P21 after the outage", Duration.ofSeconds(90),
                () -> ordersIn(references) == references.size(), () -> ordersIn(references) + " of 10 in P21");

        assertThat(subjects()).containsExactly("[p21-bridge FIRING] p21-circuit-open",
                "[p21-bridge RESOLVED] p21-circuit-open");
        assertThat(HOOK_BODIES).hasSize(2);
        assertThat(HOOK_BODIES.get(1)).contains("RESOLVED] p21-circuit-open");
        assertThat(alertsApi()).contains("\"state\":\"resolved\"").contains("\"sent\":true");
    }

    private String received() {
        return MAIL.getReceivedMessages().length + " e-mails, " + HOOK_BODIES.size() + " webhook calls";
    }

    private static List<String> subjects() {
        return Stream.of(MAIL.getReceivedMessages()).map(AlertsIntegrationTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ordersIn(List<String> references) {
        Set<String> wanted = new HashSet<>(references);
        return bridge.system().p21().orders().stream().map(P21Order::webReferenceNo).filter(wanted::contains)
                .distinct().count();
    }

    private static void faults(String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridge.system().p21().url() + "/sim/faults"))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(200, 299);
    }

    private static String alertsApi() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + bridge.system().console().port()
                        + "/api/alerts")).header("Authorization", "Bearer " + bridge.system().adminToken()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Path rulesFile() {
        try {
            Path file = Files.createTempFile("alerts", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, "{\"rules\": [{\"name\": \"p21-circuit-open\", \"kind\": \"circuit-open\","
                    + " \"target\": \"p21-sink\", \"for\": \"2s\"}]}", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GreenMail smtpServer() {
        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static HttpServer hookEndpoint() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                HOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
