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
 */
public record Store(String name, StorePlatform platform, URI url, String token, List<String> webhookSecrets,
                    StoreMode mode, Duration pollInterval, Duration pollOverlap) {

    public Store {
        webhookSecrets = List.copyOf(webhookSecrets);
    }

    /** A store named as its platform: its order keys are {@code <platform>:<order id>}, as before stores existed. */
    public boolean isDefault() {
        return name.equals(platform.id());
    }

    @Override
    public String toString() {
        return "Store[" + name + ", platform=" + platform.id() + ", url=" + url + ", mode=" + mode.id()
                + ", pollInterval=" + pollInterval + ", pollOverlap=" + pollOverlap + ", token and "
                + webhookSecrets.size() + " webhook secrets hidden]";
    }
}
