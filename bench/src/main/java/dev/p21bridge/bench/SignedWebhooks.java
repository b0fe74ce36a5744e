package dev.p21bridge.bench;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds one signed {@code order.created} delivery per call, each with a new order id and event id, signed as a
 * storefront signs (CONTRACT section 3) at the moment it is built. Every endpoint under test gets the same
 * requests, headers included, whether it checks them or not.
 */
final class SignedWebhooks {

    private final OrderBodies.Template template;
    private final String secret;
    private final AtomicLong nextOrderId;

    SignedWebhooks(OrderBodies.Template template, String secret, long firstOrderId) {
        this.template = template;
        this.secret = secret;
        this.nextOrderId = new AtomicLong(firstOrderId);
    }

    HttpRequest next(URI endpoint) {
        long orderId = nextOrderId.getAndIncrement();
        byte[] body = template.render(orderId);
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", "evt-" + orderId)
                .header("X-Webhook-Event", "order.created")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The order id the next {@link #next} call will use; ids are handed out in call order. */
    long nextOrderId() {
        return nextOrderId.get();
    }

    int bodyBytes() {
        return template.size();
    }
}
