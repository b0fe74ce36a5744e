package dev.p21bridge.transformer.risk;

import java.math.BigDecimal;

/**
 * A store's recent order totals as a histogram of 20 buckets per decade from $1 to $10,000,000, so "the store's usual
 * order value" is a quantile read in a few dozen steps from 140 counts, not a sort of past orders. When it holds
 * {@value #DECAY_AT} orders every count is halved, so it follows what the store sells now. A quantile is the upper
 * bound of its bucket: at most 12 % above the true value, which is what a rule like "3 x the 95th percentile" needs.
 */
final class OrderValueQuantiles {

    private static final int PER_DECADE = 20;
    private static final int DECADES = 7;
    private static final int BUCKETS = PER_DECADE * DECADES;
    static final int DECAY_AT = 20_000;

    private final int[] counts;
    private int total;

    private OrderValueQuantiles(int[] counts) {
        this.counts = counts;
        int sum = 0;
        for (int count : counts) {
            sum += count;
        }
        this.total = sum;
    }

    static OrderValueQuantiles empty() {
        return new OrderValueQuantiles(new int[BUCKETS]);
    }

    /** Orders counted (after decay). */
    int count() {
        return total;
    }

    void add(BigDecimal value) {
        counts[bucket(value)]++;
        total++;
        if (total >= DECAY_AT) {
            total = 0;
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] /= 2;
                total += counts[i];
            }
        }
    }

    /** The value below which {@code q} of the orders lie (upper bound of its bucket); zero when empty. */
    BigDecimal quantile(double q) {
        if (total == 0) {
            return BigDecimal.ZERO;
        }
        long wanted = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    private static int bucket(BigDecimal value) {
        double dollars = value.doubleValue(); // a bucket index, never money: the histogram only ranks totals
        if (!(dollars > 1)) {
            return 0;
        }
        int index = (int) Math.floor(Math.log10(dollars) * PER_DECADE);
        return Math.min(BUCKETS - 1, Math.max(0, index));
    }

    private static BigDecimal upperBound(int bucket) {
        return BigDecimal.valueOf(Math.pow(10, (bucket + 1) / (double) PER_DECADE)).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
