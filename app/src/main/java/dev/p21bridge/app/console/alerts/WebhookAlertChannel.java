package dev.p21bridge.app.console.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs {@code {"text": "..."}}, the body a Slack incoming webhook (and Mattermost, Teams' and Google Chat's
 * compatible ones) takes. Any 2xx is accepted. The URL is never shown: a Slack URL is its own credential.
 */
public final class WebhookAlertChannel implements AlertChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public WebhookAlertChannel(URI url) {
        this.url = url;
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(AlertNotification notification) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", notification.text()))))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered " + response.statusCode());
        }
    }
}
