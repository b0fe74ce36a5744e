package dev.p21bridge.p21client;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many P21 calls may be out at once, adapting to what P21 shows: Netflix concurrency-limits' AIMD limit (additive
 * increase, multiplicative decrease, as TCP does). A call P21 answered in time raises the limit by one while at least
 * half of it is in use, up to {@code max}; a call that timed out, P21's sign of overload, lowers it by a tenth, down
 * to {@code min}. An error answer leaves it as it is: a 500 says nothing about load, and a 429 or 503 is honoured by
 * its Retry-After on the record that got it. Lowering the limit on them too held it at its minimum under random
 * faults (a fifth of calls answered 429/503), and the calls left hanging for their time-out then took every permit.
 * The limit's own time-out (a slow answer counted as a drop) is off: the call's read time-out already follows P21's
 * latency ({@link P21CallTimeouts}) and reports a time-out as {@link Signal#OVERLOADED}.
 *
 * <p>This lets the sink run more workers than P21 takes calls: a worker waiting out a backoff or a Retry-After holds
 * no call, so waits do not idle the sink, while P21 on a bad day gets fewer calls at once, not more. Thread-safe.
 */
public final class P21CallLimit {

    /** What a finished call says about P21's load. */
    public enum Signal { ANSWERED, OVERLOADED, NEUTRAL }

    /** One call's place in the limit, given back once with what the call said. */
    public static final class Permit {
        private final Limiter.Listener listener;

        private Permit(Limiter.Listener listener) {
            this.listener = listener;
        }

        public void release(Signal signal) {
            switch (signal) {
                case ANSWERED -> listener.onSuccess();
                case OVERLOADED -> listener.onDropped();
                case NEUTRAL -> listener.onIgnore();
            }
        }
    }

    private final AIMDLimit limit;
    private final SimpleLimiter<Void> limiter;
    private final BlockingLimiter<Void> blocking;

    public P21CallLimit(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + min + " and " + max);
        }
        this.limit = AIMDLimit.newBuilder().initialLimit(max).minLimit(min).maxLimit(max).backoffRatio(0.9)
                .timeout(1, TimeUnit.DAYS).build();
        this.limiter = SimpleLimiter.newBuilder().limit(limit).build();
        this.blocking = BlockingLimiter.wrap(limiter);
    }

    /** Waits until a call may go out. */
    public Permit acquire() throws InterruptedException {
        while (true) {
            Optional<Limiter.Listener> listener = blocking.acquire(null);
            if (listener.isPresent()) {
                return new Permit(listener.get());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("gave up waiting for a P21 call permit");
            }
        }
    }

    /** The limit now, whole calls. */
    public int limit() {
        return limit.getLimit();
    }

    public int inFlight() {
        return limiter.getInflight();
    }
}
