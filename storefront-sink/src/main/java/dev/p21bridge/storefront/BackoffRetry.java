package dev.p21bridge.storefront;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff from {@code initial} doubling to {@code max}, each delay drawn between half and all of its step
 * ("equal jitter") so records failing together do not return to the storefront together: the gaps between tries in
 * place, and the waits for an unreachable schema registry or Kafka. (A copy of the p21-sink's class; it belongs in
 * platform.)
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
    static BackoffRetry inPlace() {
        return new BackoffRetry(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    public static BackoffRetry standard() {
        return new BackoffRetry(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The wait after failed try number {@code attempt} (1-based). */
    Duration delay(int attempt) {
        long step = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(step, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }
}
