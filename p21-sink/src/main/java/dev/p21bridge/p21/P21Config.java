package dev.p21bridge.p21;

import dev.p21bridge.p21client.P21Connection;
import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything the p21-sink reads from the environment, validated at start so a bad value stops the service with one
 * line naming the variable. The password never appears in {@link #toString()}.
 *
 * @param readTimeout how long one P21 call may stay silent; past it the outcome of a write is unknown
 * @param parallelism the most P21 calls out at once (an adaptive limit lowers it while P21 shows overload); the sink
 *                    runs four workers per call
 * @param retry the retry levels' delays and P21's circuit breaker
 * @param orderMapping carriers, discount item and prepaid terms of the tenant
 * @param payable which orders are written to P21 at all (pending ones: {@link PayableOrderPolicy#PENDING_ORDERS})
 * @param paymentMapping the P21 payment type of each storefront payment method
 * @param inPlaceBudget how long one delivery may keep trying P21 on the spot before it goes to a retry topic
 * @param inPlaceTries the most tries of one delivery on the spot, the first included
 * @param timeoutFloor the shortest time-out a P21 call gets; {@code readTimeout} is the longest (a time-out between
 *                     them follows P21's observed latency)
 */
public record P21Config(URI baseUrl, String username, String password, Duration readTimeout, int parallelism,
                        RetryConfig retry, OrderMapping orderMapping, KafkaConfig kafka, PayableOrderPolicy payable,
                        PaymentMapping paymentMapping, Duration inPlaceBudget, int inPlaceTries,
                        Duration timeoutFloor) {

    /** The configuration before faults were absorbed in place: the default budget, tries and time-out floor. */
    public P21Config(URI baseUrl, String username, String password, Duration readTimeout, int parallelism,
                     RetryConfig retry, OrderMapping orderMapping, KafkaConfig kafka, PayableOrderPolicy payable,
                     PaymentMapping paymentMapping) {
        this(baseUrl, username, password, readTimeout, parallelism, retry, orderMapping, kafka, payable,
                paymentMapping, IN_PLACE_BUDGET.defaultValue(), IN_PLACE_TRIES.defaultValue(),
                TIMEOUT_FLOOR.defaultValue());
    }

    /** The configuration before payments were recorded: the default payment types. */
    public P21Config(URI baseUrl, String username, String password, Duration readTimeout, int parallelism,
                     RetryConfig retry, OrderMapping orderMapping, KafkaConfig kafka, PayableOrderPolicy payable) {
        this(baseUrl, username, password, readTimeout, parallelism, retry, orderMapping, kafka, payable,
                PaymentMapping.defaults());
    }

    /** The configuration before payable orders were a setting: pending orders are created. */
    public P21Config(URI baseUrl, String username, String password, Duration readTimeout, int parallelism,
                     RetryConfig retry, OrderMapping orderMapping, KafkaConfig kafka) {
        this(baseUrl, username, password, readTimeout, parallelism, retry, orderMapping, kafka,
                PayableOrderPolicy.defaults());
    }

    /** The connection settings the poller shares ({@link P21Connection}), listed here too for this sink. */
    public static final Setting<URI> URL = P21Connection.URL;
    public static final Setting<String> USERNAME = P21Connection.USERNAME;
    public static final Setting<String> PASSWORD = P21Connection.PASSWORD;
    public static final Setting<Duration> TIMEOUT = P21Connection.TIMEOUT;
    public static final Setting<Integer> PARALLELISM = Setting.integer("BRIDGE_P21_SINK_PARALLELISM",
            "the most P21 calls the p21-sink has out at once (an adaptive limit lowers it while P21 times out or answers"
                    + " 429/503); it runs four workers per call, so records waiting to retry do not idle it", 16, 1, 256);
    /** The shared retry settings, listed here too so every setting of the p21-sink is found on this class. */
    public static final Setting<List<Duration>> RETRY_DELAYS = RetryConfig.DELAYS;
    public static final Setting<Integer> CIRCUIT_FAILURES = RetryConfig.CIRCUIT_FAILURES;
    public static final Setting<Duration> CIRCUIT_WINDOW = RetryConfig.CIRCUIT_WINDOW;
    public static final Setting<Duration> CIRCUIT_OPEN_FOR = RetryConfig.CIRCUIT_OPEN_FOR;
    public static final Setting<PayableOrderPolicy.Pending> PENDING_ORDERS = PayableOrderPolicy.PENDING_ORDERS;
    public static final Setting<Duration> IN_PLACE_BUDGET = Setting.duration("BRIDGE_P21_IN_PLACE_BUDGET",
            "how long one record may keep retrying a transient P21 failure on the spot (jittered backoff, or P21's"
                    + " Retry-After when it fits) before it moves to the retry topics; 0s sends every failure there",
            Duration.ofSeconds(15));
    public static final Setting<Integer> IN_PLACE_TRIES = Setting.integer("BRIDGE_P21_IN_PLACE_TRIES",
            "the most tries of one record on the spot, the first included, within BRIDGE_P21_IN_PLACE_BUDGET", 10, 1,
            50);
    public static final Setting<Duration> TIMEOUT_FLOOR = Setting.duration("BRIDGE_P21_TIMEOUT_FLOOR",
            "the shortest time-out of a P21 call: each call's time-out follows P21's observed latency (4 x its p90)"
                    + " between this and BRIDGE_P21_TIMEOUT; set it to BRIDGE_P21_TIMEOUT for a fixed time-out",
            Duration.ofSeconds(1));

    public static P21Config from(Environment env) {
        P21Connection p21 = P21Connection.from(env);
        return new P21Config(p21.baseUrl(), p21.username(), p21.password(), p21.timeout(), env.get(PARALLELISM),
                RetryConfig.from(env), OrderMapping.from(env), KafkaConfig.from(env), PayableOrderPolicy.from(env),
                PaymentMapping.from(env), notNegative(env, IN_PLACE_BUDGET), env.get(IN_PLACE_TRIES),
                timeoutFloor(env, p21.timeout()));
    }

    private static Duration notNegative(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (value.isNegative()) {
            throw new ConfigException(setting.name() + " is malformed (must not be negative): "
                    + setting.description());
        }
        return value;
    }

    /** The floor, positive and at most the ceiling {@code BRIDGE_P21_TIMEOUT} (a floor above it is the ceiling). */
    private static Duration timeoutFloor(Environment env, Duration ceiling) {
        Duration floor = env.get(TIMEOUT_FLOOR);
        if (floor.isZero() || floor.isNegative()) {
            throw new ConfigException(TIMEOUT_FLOOR.name() + " is malformed (must be positive): "
                    + TIMEOUT_FLOOR.description());
        }
        return floor.compareTo(ceiling) > 0 ? ceiling : floor;
    }

    @Override
    public String toString() {
        return "P21Config[baseUrl=" + baseUrl + ", username=" + username + ", password=***, readTimeout="
                + readTimeout + ", parallelism=" + parallelism + ", retry=" + retry + ", orderMapping=" + orderMapping
                + ", payable=" + payable + ", paymentMapping=" + paymentMapping + ", inPlaceBudget=" + inPlaceBudget
                + ", inPlaceTries=" + inPlaceTries + ", timeoutFloor=" + timeoutFloor + ", kafka="
                + kafka.bootstrapServers() + "]";
    }
}
