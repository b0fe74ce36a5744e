package dev.p21bridge.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One storefront the bridge serves (CONTRACT section 10). {@link #toString()} shows neither token nor secrets.
 *
 * @param name           lower-case name, unique among the stores; the default stores are named as their platform
 * @param url            base URL of its API
 * @param token          API token: X-Cart's {@code X-Auth-Token}, Clarity's bearer token
 * @param webhookSecrets secrets its webhooks are signed with; empty when none is configured
 * @param pollInterval   pause between the end of one poll of its order list and the start of the next
 * @param pollOverlap    how far behind the last change seen each poll looks again, for orders committed late
 * @param defaults       the store's own P21 defaults and stock locations, where it has them
 */
public record Store(String name, StorePlatform platform, URI url, String token, List<String> webhookSecrets,
                    StoreMode mode, Duration pollInterval, Duration pollOverlap, StoreDefaults defaults) {

    public Store {
        webhookSecrets = List.copyOf(webhookSecrets);
        defaults = defaults == null ? StoreDefaults.NONE : defaults;
    }

    /** A store with the bridge-wide P21 defaults and stock locations. */
    public Store(String name, StorePlatform platform, URI url, String token, List<String> webhookSecrets,
                 StoreMode mode, Duration pollInterval, Duration pollOverlap) {
        this(name, platform, url, token, webhookSecrets, mode, pollInterval, pollOverlap, StoreDefaults.NONE);
    }

    /** The store an order key {@code <store>:<order id>} names: everything before the first colon. */
    public static String nameInKey(String orderKey) {
        int colon = orderKey.indexOf(':');
        return colon < 0 ? orderKey : orderKey.substring(0, colon);
    }

    /** The key of this store's order {@code orderId}: {@code <store>:<order id>} (CONTRACT section 10). */
    public String orderKey(String orderId) {
        return name + ":" + orderId;
    }

    /**
     * A store named as its platform ({@code xcart}, {@code clarity}): its keys, webhook path and variables are those
     * of the versions before stores, and a raw record without a {@code store} header is its.
     */
    public boolean isDefault() {
        return name.equals(platform.id());
    }

    @Override
    public String toString() {
        return "Store[" + name + ", platform=" + platform.id() + ", url=" + url + ", mode=" + mode.id()
                + ", pollInterval=" + pollInterval + ", pollOverlap=" + pollOverlap + ", " + defaults + ", token and "
                + webhookSecrets.size() + " webhook secrets hidden]";
    }
}
