package dev.p21bridge.p21client;

/**
 * How many P21 calls may be out at once, adapting to what P21 shows (additive increase, multiplicative decrease, as
 * TCP and Netflix's concurrency-limits' AIMD limit do): a call that P21 answered in time raises the limit by
 * {@code 1/limit}, up to {@code max}; a call that timed out, P21's sign of overload, lowers it by a tenth, down to
 * {@code min}. An error answer leaves it as it is: a 500 says nothing about load, and a 429 or 503 is honoured by its
 * Retry-After on the record that got it. Lowering the limit on them too held it at its minimum under random faults
 * (a fifth of calls answered 429/503), and the calls left hanging for their time-out then took every permit.
 *
 * <p>This lets the sink run more workers than P21 takes calls: a worker waiting out a backoff or a Retry-After holds
 * no call, so waits do not idle the sink, while P21 on a bad day gets fewer calls at once, not more. Thread-safe.
 */
public final class P21CallLimit {

    /** What a finished call says about P21's load. */
    public enum Signal { ANSWERED, OVERLOADED, NEUTRAL }

    private final int min;
    private final int max;
    private double limit;
    private int inFlight;

    public P21CallLimit(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.limit = max;
    }

    /** Waits until a call may go out. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
    }

    /** The call ended; {@code signal} is what it said about P21's load. */
    public synchronized void release(Signal signal) {
        inFlight--;
        if (signal == Signal.ANSWERED) {
            limit = Math.min(max, limit + 1 / limit);
        } else if (signal == Signal.OVERLOADED) {
            limit = Math.max(min, limit * 0.9);
        }
        notifyAll();
    }

    /** The limit now, whole calls. */
    public synchronized int limit() {
        return (int) limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }
}
