package dev.p21bridge.platform.retry;

import dev.p21bridge.platform.config.ConfigException;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.Setting;
import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sink retries (docs/contract.md, section 'Retries and dead letters') and when it stops calling a target that is
 * down. Shared by every sink with retry topics; read from the environment at start, so a bad value stops the service
 * with one line naming it.
 *
 * @param delays how long a record waits in {@code retry.<service>.<n>}, one per level, in level order
 * @param circuitFailures failures in a row (no success between them) that open a target's circuit
 * @param circuitWindow the span within which those failures must fall; an older run of failures starts over
 * @param circuitOpenFor how long an open circuit refuses calls before it lets one probe through
 */
public record RetryConfig(List<Duration> delays, int circuitFailures, Duration circuitWindow, Duration circuitOpenFor) {

    public static final Setting<List<Duration>> DELAYS = new Setting<>("BRIDGE_RETRY_DELAYS",
            "delays of the retry levels 1, 2 and 3, comma-separated, e.g. 10s,1m,10m",
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10)), RetryConfig::parseDelays);
    public static final Setting<Integer> CIRCUIT_FAILURES = Setting.integer("BRIDGE_CIRCUIT_FAILURES",
            "failures in a row after which a sink stops calling its target for a while", 20, 1, 1_000);
    public static final Setting<Duration> CIRCUIT_WINDOW = Setting.duration("BRIDGE_CIRCUIT_WINDOW",
            "span within which BRIDGE_CIRCUIT_FAILURES failures open the circuit", Duration.ofSeconds(60));
    public static final Setting<Duration> CIRCUIT_OPEN_FOR = Setting.duration("BRIDGE_CIRCUIT_OPEN_FOR",
            "how long an open circuit refuses calls before one probe call may test the target", Duration.ofSeconds(30));

    public RetryConfig {
        delays = List.copyOf(delays);
        if (delays.size() != Topics.RETRY_LEVELS) {
            throw new IllegalArgumentException("need " + Topics.RETRY_LEVELS + " retry delays, got " + delays.size());
        }
        if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
        if (circuitFailures < 1 || !isPositive(circuitWindow) || !isPositive(circuitOpenFor)) {
            throw new IllegalArgumentException("need at least one failure and positive circuit durations");
        }
    }

    /** The contract's defaults: 10 s, 1 min, 10 min; 5 failures within 60 s open the circuit for 30 s. */
    public static RetryConfig defaults() {
        return new RetryConfig(DELAYS.defaultValue(), CIRCUIT_FAILURES.defaultValue(), CIRCUIT_WINDOW.defaultValue(),
                CIRCUIT_OPEN_FOR.defaultValue());
    }

    public static RetryConfig from(Environment env) {
        return new RetryConfig(env.get(DELAYS), env.get(CIRCUIT_FAILURES), positive(env, CIRCUIT_WINDOW),
                positive(env, CIRCUIT_OPEN_FOR));
    }

    /** The number of retry levels (the catalog's {@link Topics#RETRY_LEVELS}). */
    public int levels() {
        return delays.size();
    }

    /** The delay of level {@code level}, 1-based. */
    public Duration delay(int level) {
        return delays.get(level - 1);
    }

    static List<Duration> parseDelays(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                Duration delay = Setting.duration("delay", "", null).parser().apply(part);
                if (!isPositive(delay)) {
                    throw new IllegalArgumentException("every delay must be positive, got " + part.trim());
                }
                delays.add(delay);
            }
        }
        if (delays.size() != Topics.RETRY_LEVELS) {
            throw new IllegalArgumentException("expected " + Topics.RETRY_LEVELS + " delays, one per retry level, got "
                    + delays.size());
        }
        return delays;
    }

    private static Duration positive(Environment env, Setting<Duration> setting) {
        Duration value = env.get(setting);
        if (!isPositive(value)) {
            throw new ConfigException(setting.name() + " is malformed (must be positive): " + setting.description());
        }
        return value;
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
