package dev.p21bridge.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every latency of one phase, kept exactly (no histogram buckets) in an array sized for the phase, so percentiles
 * are read from the sorted values themselves. Safe to record into from many threads.
 */
final class Latencies {

    /** Percentiles of a phase, in milliseconds. */
    record Summary(int count, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return String.format("n=%d p50=%.2fms p99=%.2fms max=%.2fms", count, p50Millis, p99Millis, maxMillis);
        }
    }

    private final long[] nanos;
    private final AtomicInteger size = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long latencyNanos) {
        int at = size.getAndIncrement();
        if (at < nanos.length) {
            nanos[at] = latencyNanos;
        }
    }

    /** Call once every recording thread is done. */
    Summary summary() {
        int count = Math.min(size.get(), nanos.length);
        if (count == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(count, millis(sorted, 0.50), millis(sorted, 0.99), sorted[count - 1] / 1e6);
    }

    /** The percentiles of several phases together, as if they were one. Call once every recording thread is done. */
    static Summary pooled(List<Latencies> phases) {
        Latencies all = new Latencies(phases.stream().mapToInt(p -> Math.min(p.size.get(), p.nanos.length)).sum());
        for (Latencies phase : phases) {
            for (int i = 0; i < Math.min(phase.size.get(), phase.nanos.length); i++) {
                all.record(phase.nanos[i]);
            }
        }
        return all.summary();
    }

    /** Nearest-rank percentile. */
    private static double millis(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
