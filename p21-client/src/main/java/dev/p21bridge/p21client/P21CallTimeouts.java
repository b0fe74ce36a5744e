package dev.p21bridge.p21client;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time-out of each P21 call, following P21's observed latency so that a call P21 will never answer does not hold
 * a worker for the whole {@code ceiling}: {@value #MULTIPLE} x the p90 of the last {@value #WINDOW} calls of the same
 * kind ({@code odata-oe_hdr}, {@code transaction-order}, ...), kept between {@code floor} and {@code ceiling}. Until a
 * kind has {@value #WARM_UP} answers its calls get what all calls together have learned (a rare kind, such as the
 * look-up after a lost answer, would otherwise wait out the whole ceiling on a hanging P21, and with it a record's
 * whole in-place budget), and until all calls together have that many, the ceiling.
 *
 * <p>A call that timed out counts as having taken its time-out (at least that long). A tenth of the calls of a kind can
 * hang without stretching the time-out; when more do, P21 has become slower than thought, the p90 reaches the time-out
 * and the next ones get four times as long, up to the ceiling within a few rounds. A time-out on a write leaves its
 * outcome unknown, as any lost answer does: the writer looks the record up before writing again. Thread-safe.
 */
public final class P21CallTimeouts {

    static final int WINDOW = 256;
    static final int WARM_UP = 20;
    static final int MULTIPLE = 4;

    private final Duration floor;
    private final Duration ceiling;
    private final Map<String, Latencies> kinds = new ConcurrentHashMap<>();
    private final Latencies all;

    public P21CallTimeouts(Duration floor, Duration ceiling) {
        if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0) {
            throw new IllegalArgumentException("need 0 < floor <= ceiling, got " + floor + " and " + ceiling);
        }
        this.floor = floor;
        this.ceiling = ceiling;
        this.all = new Latencies();
    }

    /** Always {@code timeout}: no adaptation. */
    public static P21CallTimeouts fixed(Duration timeout) {
        return new P21CallTimeouts(timeout, timeout);
    }

    /** The time-out for the next call of this kind. */
    public Duration timeoutOf(String call) {
        if (floor.equals(ceiling)) {
            return ceiling;
        }
        Latencies latencies = kinds.get(call);
        return latencies != null && latencies.warm() ? latencies.timeout() : all.timeout();
    }

    /** A call of this kind got an answer (any status) after {@code took}. */
    public void answered(String call, Duration took) {
        record(call, took);
    }

    /** A call of this kind got no answer within {@code timeout}, the time-out it was given. */
    public void timedOut(String call, Duration timeout) {
        record(call, timeout);
    }

    private void record(String call, Duration took) {
        if (!floor.equals(ceiling)) {
            kinds.computeIfAbsent(call, k -> new Latencies()).add(took.toNanos());
            all.add(took.toNanos());
        }
    }

    /** The last {@link #WINDOW} latencies of one kind of call and the time-out they give. */
    private final class Latencies {

        private final long[] nanos = new long[WINDOW];
        private int count;
        private int next;
        private volatile Duration timeout = ceiling;

        synchronized void add(long took) {
            nanos[next] = took;
            next = (next + 1) % WINDOW;
            count = Math.min(count + 1, WINDOW);
            if (count >= WARM_UP) {
                long[] sorted = Arrays.copyOf(nanos, count);
                Arrays.sort(sorted);
                long p90 = sorted[(int) Math.ceil(count * 0.9) - 1];
                long chosen = Math.max(floor.toNanos(), Math.min(ceiling.toNanos(), p90 * MULTIPLE));
                timeout = Duration.ofNanos(chosen);
            }
        }

        Duration timeout() {
            return timeout;
        }

        synchronized boolean warm() {
            return count >= WARM_UP;
        }
    }
}
