package dev.p21bridge.ingress;

/**
 * A delivery that passed every check and is ready to be written to its raw topic.
 *
 * @param store the store it came from ({@code BRIDGE_STORES}); several stores may share a platform ({@code source})
 * @param key  the entity id found in the payload, else the event id; never blank
 * @param body the request body exactly as received; not copied, so nobody may change it
 */
public record AcceptedWebhook(String store, WebhookSource source, WebhookEvent event, String eventId, String key, byte[] body)
        implements WebhookVerdict {
}
