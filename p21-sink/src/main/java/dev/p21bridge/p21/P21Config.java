package dev.p21bridge.p21;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import java.net.URI;
import java.time.Duration;

/**
 * Everything the p21-sink reads from the environment, validated at start so a bad value stops the service with one
 * line naming the variable. The password never appears in {@link #toString()}.
 *
 * @param readTimeout how long one P21 call may stay silent; past it the outcome of a write is unknown
 * @param parallelism orders sent to P21 at the same time (different order keys only)
 */
public record P21Config(URI baseUrl, String username, String password, Duration readTimeout, int parallelism,
                        KafkaConfig kafka) {

    public static final Setting<URI> URL = Setting.url("BRIDGE_P21_URL",
            "base URL of Prophet 21 (token, router and OData endpoints)", URI.create("http://localhost:8091"));
    public static final Setting<String> USERNAME = Setting.string("BRIDGE_P21_USERNAME",
            "P21 API user the sales orders are entered as", "p21api");
    public static final Setting<String> PASSWORD = Setting.string("BRIDGE_P21_PASSWORD",
            "password of BRIDGE_P21_USERNAME", "p21-dev-password");
    public static final Setting<Duration> TIMEOUT = Setting.duration("BRIDGE_P21_TIMEOUT",
            "read timeout of one P21 call, e.g. 10s", Duration.ofSeconds(10));
    public static final Setting<Integer> PARALLELISM = Setting.integer("BRIDGE_P21_SINK_PARALLELISM",
            "orders written to P21 at the same time", 16, 1, 256);

    public static P21Config from(Environment env) {
        Duration timeout = env.get(TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new dev.p21bridge.platform.config.ConfigException(TIMEOUT.name()
                    + " is malformed (must be positive): " + TIMEOUT.description());
        }
        return new P21Config(env.get(URL), env.get(USERNAME), env.get(PASSWORD), timeout, env.get(PARALLELISM),
                KafkaConfig.from(env));
    }

    @Override
    public String toString() {
        return "P21Config[baseUrl=" + baseUrl + ", username=" + username + ", password=***, readTimeout="
                + readTimeout + ", parallelism=" + parallelism + ", kafka=" + kafka.bootstrapServers() + "]";
    }
}
