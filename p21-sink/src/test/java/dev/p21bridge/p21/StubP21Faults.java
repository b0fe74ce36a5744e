package dev.p21bridge.p21;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults {@link StubP21} injects into Transaction API calls, as P21 shows them under load: session-pool 500s,
 * 503s, 429s with {@code Retry-After}, answers too slow for the sink's read timeout, and writes committed before the
 * answer failed. Random faults hit {@code rate} of all transaction calls; per-order faults hit one order key.
 */
final class StubP21Faults {

    /** What one call suffers. */
    enum Fault { NONE, COMMIT_THEN_500, SESSION_POOL_500, UNAVAILABLE_503, THROTTLED_429, SLOW_AFTER_COMMIT, SLOW_WITHOUT_COMMIT }

    volatile double rate;
    volatile long slowMs = 800;
    volatile long retryAfterSeconds = 1;
    final AtomicInteger injected = new AtomicInteger();
    private final Set<String> alwaysFailing = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failingFirst = new ConcurrentHashMap<>();
    private final Map<String, Long> throttledOnce = new ConcurrentHashMap<>();

    /** Every order transaction for {@code webReference} answers 503 until {@link #clear}. */
    void failAlways(String webReference) {
        alwaysFailing.add(webReference);
    }

    /** The next {@code calls} order transactions for {@code webReference} answer 503. */
    void failFirst(String webReference, int calls) {
        failingFirst.put(webReference, new AtomicInteger(calls));
    }

    /** The next order transaction for {@code webReference} answers 429 with {@code Retry-After: seconds}. */
    void throttleOnce(String webReference, long seconds) {
        throttledOnce.put(webReference, seconds);
    }

    void clear() {
        rate = 0;
        alwaysFailing.clear();
        failingFirst.clear();
        throttledOnce.clear();
    }

    /** Seconds of a 429's Retry-After for this order, or -1 when it is not throttled. */
    long throttle(String webReference) {
        Long seconds = throttledOnce.remove(webReference);
        return seconds == null ? -1 : seconds;
    }

    boolean failsOrder(String webReference) {
        if (alwaysFailing.contains(webReference)) {
            return true;
        }
        AtomicInteger left = failingFirst.get(webReference);
        return left != null && left.getAndDecrement() > 0;
    }

    /** The random fault of one call: 5 of every 30 faults commit first, as {@code commitThenFailRate} 0.05 of 0.3. */
    Fault next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (rate <= 0 || random.nextDouble() >= rate) {
            return Fault.NONE;
        }
        injected.incrementAndGet();
        double share = random.nextDouble() * 30;
        if (share < 5) {
            return Fault.COMMIT_THEN_500;
        }
        if (share < 13) {
            return Fault.SESSION_POOL_500;
        }
        if (share < 20) {
            return Fault.UNAVAILABLE_503;
        }
        if (share < 26) {
            return Fault.THROTTLED_429;
        }
        return share < 28 ? Fault.SLOW_AFTER_COMMIT : Fault.SLOW_WITHOUT_COMMIT;
    }
}
