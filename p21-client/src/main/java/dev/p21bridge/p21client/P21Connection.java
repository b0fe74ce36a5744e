package dev.p21bridge.p21client;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import java.net.URI;
import java.time.Duration;

/**
 * Where P21 is and who the bridge signs in as: one set of {@code BRIDGE_P21_*} variables for every part that calls
 * P21 (the ingress's poller reads OData, the p21-sink enters customers and orders). The password never appears in
 * {@link #toString()}.
 *
 * @param timeout how long one P21 call may stay silent; past it the outcome of a write is unknown
 */
public record P21Connection(URI baseUrl, String username, String password, Duration timeout) {

    public static final Setting<URI> URL = Setting.url("BRIDGE_P21_URL",
            "base URL of Prophet 21 (token, router, Transaction API and OData endpoints)",
            URI.create("http://localhost:8091"));
    public static final Setting<String> USERNAME = Setting.string("BRIDGE_P21_USERNAME",
            "P21 API user the bridge signs in as (the poller reads, the p21-sink enters orders)", "p21api");
    public static final Setting<String> PASSWORD = Setting.string("BRIDGE_P21_PASSWORD",
            "password of BRIDGE_P21_USERNAME", "p21-dev-password");
    public static final Setting<Duration> TIMEOUT = Setting.duration("BRIDGE_P21_TIMEOUT",
            "read timeout of one P21 call, e.g. 10s", Duration.ofSeconds(10));

    /** Reads the four settings; a missing or malformed one throws {@link ConfigException} naming the variable. */
    public static P21Connection from(Environment env) {
        Duration timeout = env.get(TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException(TIMEOUT.name() + " is malformed (must be positive): " + TIMEOUT.description());
        }
        return new P21Connection(env.get(URL), env.get(USERNAME), env.get(PASSWORD), timeout);
    }

    @Override
    public String toString() {
        return "P21Connection[baseUrl=" + baseUrl + ", username=" + username + ", password=***, timeout=" + timeout
                + "]";
    }
}
