package dev.p21bridge.platform.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays of in-place retries: exponential backoff from {@code initial} doubling to {@code max}, each delay drawn
 * between half and all of its step ("equal jitter") so records failing together do not return to their target
 * together, which is what P21's session pool needs after a fault. Used for the few quick tries of one delivery before
 * a record moves to a retry topic ({@link #inPlace}), and for waits that must not give up, Kafka or the schema
 * registry unreachable ({@link #standard}). Both sinks share it.
 */
public final class BackoffRetry {

    private final Duration initial;
    private final Duration max;

    public BackoffRetry(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
    }

    /** The short gaps between tries in place of one delivery: 25-50 ms, then 50-100 ms, at most 100-200 ms. */
    public static BackoffRetry inPlace() {
        return new BackoffRetry(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    /** 100 ms doubling to 5 s: for waits that last as long as the outage. */
    public static BackoffRetry standard() {
        return new BackoffRetry(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The wait after try number {@code attempt} (1-based) failed. */
    public Duration delay(int attempt) {
        long step = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(step, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }
}
