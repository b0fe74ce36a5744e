package dev.p21bridge.app.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last samples of one flow, oldest first, in a ring of fixed size: the console's only memory of the past, lost at
 * a restart (the services' counters and Kafka keep the truth; this only turns their totals into rates).
 */
final class FlowHistory {

    /** Totals and states at one instant; {@code failed} is NaN where no meter counts failures. */
    record Sample(Instant at, double done, double failed, Long lag, Long retryDepth, String circuit) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final int capacity;

    FlowHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Sample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** Records per minute between the newest sample and the last one at least a minute older (or the oldest). */
    static double ratePerMinute(List<Sample> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample newest = samples.get(samples.size() - 1);
        Sample from = samples.get(0);
        for (Sample sample : samples) {
            if (!sample.at().isAfter(newest.at().minus(Duration.ofMinutes(1)))) {
                from = sample;
            }
        }
        return perMinute(from, newest);
    }

    /** The per-minute rate of each step between neighbouring samples. */
    static List<Double> steps(List<Sample> samples) {
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            rates.add(perMinute(samples.get(i - 1), samples.get(i)));
        }
        return rates;
    }

    /**
     * Failures counted between the oldest known and the newest sample; null where none are counted, or where they are
     * not known now (a scraped service that does not answer).
     */
    static Long failures(List<Sample> samples) {
        if (samples.isEmpty() || Double.isNaN(samples.get(samples.size() - 1).failed())) {
            return null;
        }
        double oldest = samples.stream().mapToDouble(Sample::failed).filter(failed -> !Double.isNaN(failed))
                .findFirst().orElseThrow();
        return Math.max(0, Math.round(samples.get(samples.size() - 1).failed() - oldest));
    }

    private static double perMinute(Sample from, Sample to) {
        long millis = Duration.between(from.at(), to.at()).toMillis();
        // a counter that went down was registered anew (a restarted service): no rate rather than a negative one
        double delta = to.done() - from.done();
        return millis <= 0 || Double.isNaN(delta) ? 0 : Math.max(0, delta) * 60_000.0 / millis;
    }
}
