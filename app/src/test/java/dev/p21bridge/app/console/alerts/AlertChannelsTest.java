package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.p21bridge.platform.config.Environment;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The two channels against local stand-ins: GreenMail for SMTP, the JDK's HTTP server for a chat webhook. */
class AlertChannelsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final AlertNotification FIRING = new AlertNotification("p21-circuit-open", AlertKind.CIRCUIT_OPEN,
            AlertNotification.Edge.FIRING, NOW, NOW, "circuit of p21-sink is OPEN");

    @Test
    void shouldMailOnePlainTextMessageWithLogin() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser("bridge", "s3cret");
        mail.start();
        try {
            AlertConfig config = AlertConfig.from(new Environment(Map.of("BRIDGE_ALERT_SMTP_HOST", "127.0.0.1",
                    "BRIDGE_ALERT_SMTP_PORT", String.valueOf(port), "BRIDGE_ALERT_SMTP_SECURITY", "none",
                    "BRIDGE_ALERT_SMTP_USERNAME", "bridge", "BRIDGE_ALERT_SMTP_PASSWORD", "s3cret",
                    "BRIDGE_ALERT_SMTP_FROM", "bridge@example.com", "BRIDGE_ALERT_SMTP_TO", "ops@example.com")));
            new SmtpAlertChannel(config).send(FIRING);

            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("[p21-bridge FIRING] p21-circuit-open");
            assertThat(received[0].getContent().toString()).startsWith(FIRING.text());
        } finally {
            mail.stop();
        }
    }

    @Test
    void shouldPostASlackCompatibleBodyAndFailOnAnErrorStatus() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new CopyOnWriteArrayList<>(List.of(200, 500));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(statuses.remove(0), -1);
            exchange.close();
        });
        server.start();
        try {
            WebhookAlertChannel channel = new WebhookAlertChannel(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
            channel.send(FIRING);
            assertThat(bodies).containsExactly("{\"text\":\"" + FIRING.text() + "\"}");
            assertThatThrownBy(() -> channel.send(FIRING)).isInstanceOf(IOException.class).hasMessageContaining("500");
        } finally {
            server.stop(0);
        }
    }
}
