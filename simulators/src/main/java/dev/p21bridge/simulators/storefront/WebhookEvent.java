package dev.p21bridge.simulators.storefront;

/**
 * One event to deliver. {@code id} goes out as {@code X-Webhook-Id} on every attempt and on the redelivery, so the
 * receiver can drop repeats; {@code redeliver} sends it a second time after it was first accepted.
 */
public record WebhookEvent(String id, String type, byte[] body, boolean redeliver) {

    public WebhookEvent withRedelivery() {
        return new WebhookEvent(id, type, body, true);
    }
}
