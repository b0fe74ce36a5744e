package dev.p21bridge.ingress;

/**
 * The parts of one webhook delivery that decide whether it is accepted: the three {@code X-Webhook-*} headers (any
 * may be {@code null} when absent) and the raw body.
 */
public record WebhookRequest(String signature, String eventId, String eventType, byte[] body) {

    public static final String ID_HEADER = "X-Webhook-Id";
    public static final String EVENT_HEADER = "X-Webhook-Event";
    public static final String SIGNATURE_HEADER = dev.p21bridge.platform.webhook.WebhookSignature.HEADER;
}
