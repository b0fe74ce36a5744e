package dev.p21bridge.ingress;

import java.util.List;

/**
 * A store whose webhooks the ingress takes at {@code POST /webhooks/<name>}: its platform's payload shape and raw
 * topic, and the secrets its deliveries are signed with. {@link #toString()} shows how many secrets, never one.
 *
 * @param name    the store's name in {@code BRIDGE_STORES}, the last path segment and the {@code store} header
 * @param source  its platform: which payload fields hold entity ids, and the raw topic its events go to
 * @param secrets accepted secrets, never empty; several while one is rotated
 */
public record WebhookStore(String name, WebhookSource source, List<String> secrets) {

    public WebhookStore {
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("store " + name + " needs at least one webhook secret");
        }
    }

    @Override
    public String toString() {
        return name + "(" + source.id() + ", " + secrets.size() + " secrets)";
    }
}
