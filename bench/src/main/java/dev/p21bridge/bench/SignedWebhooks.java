package dev.p21bridge.bench;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * Builds one signed {@code order.created} delivery per call, each with a new order id and event id, signed as a
 * storefront signs (docs/contract.md, section 'Webhooks') at the moment it is built. Every endpoint under test gets the
 * same requests, headers included, whether it checks them or not.
 */
final class SignedWebhooks {

    private final OrderBodies.Template template;
    private final String secret;
    private final AtomicLong nextOrderId;
    private final LongUnaryOperator customerOf;

    SignedWebhooks(OrderBodies.Template template, String secret, long firstOrderId) {
        this(template, secret, firstOrderId, OrderBodies::poolCustomer);
    }

    /** @param customerOf the customer number (6 digits) of each order id */
    SignedWebhooks(OrderBodies.Template template, String secret, long firstOrderId, LongUnaryOperator customerOf) {
        this.template = template;
        this.secret = secret;
        this.nextOrderId = new AtomicLong(firstOrderId);
        this.customerOf = customerOf;
    }

    /** The whole HTTP/1.1 request of the next order id, head and body, ready to write to {@code endpoint}. */
    byte[] next(URI endpoint) {
        return request(endpoint, nextOrderId.getAndIncrement());
    }

    /** Takes {@code count} consecutive order ids and answers the first; build their requests with {@link #request}. */
    long reserve(int count) {
        return nextOrderId.getAndAdd(count);
    }

    /** The whole HTTP/1.1 request of {@code orderId}, signed now. */
    byte[] request(URI endpoint, long orderId) {
        byte[] body = template.render(orderId, customerOf.applyAsLong(orderId));
        byte[] head = ("POST " + endpoint.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Webhook-Id: evt-" + orderId + "\r\n"
                + "X-Webhook-Event: order.created\r\n"
                + WebhookSignature.HEADER + ": " + WebhookSignature.sign(body, Instant.now(), secret) + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** The order id the next {@link #next} call will use; ids are handed out in call order. */
    long nextOrderId() {
        return nextOrderId.get();
    }

    int bodyBytes() {
        return template.size();
    }
}
