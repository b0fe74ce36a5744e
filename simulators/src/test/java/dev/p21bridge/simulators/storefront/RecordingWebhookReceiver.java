package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.platform.webhook.WebhookSignature;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook endpoint for tests: records every delivery with whether its signature verified, and answers with the
 * status {@code answers} gives for the n-th request (1-based).
 */
public final class RecordingWebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Delivery(String id, String event, String signature, byte[] body, boolean signatureValid) {
        public JsonNode json() {
            try {
                return StorefrontJson.mapper().readTree(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Javalin app;

    public RecordingWebhookReceiver(String secret) {
        this(secret, n -> 202);
    }

    public RecordingWebhookReceiver(String secret, IntUnaryOperator answers) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/webhooks/{source}", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                String signature = ctx.header(WebhookSignature.HEADER);
                boolean valid = WebhookSignature.verify(signature, body, List.of(secret), Instant.now(),
                        Duration.ofSeconds(300)) == WebhookSignature.Verdict.VALID
                        && "application/json".equals(ctx.header("Content-Type"));
                deliveries.add(new Delivery(ctx.header("X-Webhook-Id"), ctx.header("X-Webhook-Event"), signature, body,
                        valid));
                ctx.status(answers.applyAsInt(requests.incrementAndGet()));
            });
        }).start("127.0.0.1", 0);
        // Javalin initialises its servlet's configuration lazily and without a lock on the first request; a checkout's
        // parallel first deliveries raced it (a 500 and an NPE in the log, then a retry), so one request goes first
        warmUp();
    }

    private void warmUp() {
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI url(String source) {
        return URI.create("http://127.0.0.1:" + app.port() + "/webhooks/" + source);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries of one event type, in arrival order. */
    public List<Delivery> deliveries(String event) {
        return deliveries.stream().filter(d -> d.event().equals(event)).toList();
    }

    /** The parsed bodies of one event type, in arrival order (a redelivery counts again). */
    public List<JsonNode> bodies(String event) {
        return deliveries(event).stream().map(Delivery::json).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
