package dev.p21bridge.ingress;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Posts webhooks to an ingress the way a storefront does; every request gives up after 20 s so no test hangs. */
final class WebhookClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    WebhookClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A request signed now with {@code secrets}; {@code eventId} and {@code event} are left out when null. */
    HttpRequest.Builder signed(String source, byte[] body, String eventId, String event, String... secrets) {
        return request(source, "application/json", body, eventId, event)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), List.of(secrets)));
    }

    HttpRequest.Builder request(String source, String contentType, byte[] body, String eventId, String event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/" + source))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (eventId != null) {
            request.header(WebhookRequest.ID_HEADER, eventId);
        }
        if (event != null) {
            request.header(WebhookRequest.EVENT_HEADER, event);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET());
    }
}
