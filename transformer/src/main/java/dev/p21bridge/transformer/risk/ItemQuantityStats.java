package dev.p21bridge.transformer.risk;

/**
 * How many units of one item a store's orders usually ask for: count, mean and spread of the quantity per order line
 * (Welford's running variance), three numbers per item, so "unusual quantity" compares a line with the item's own history
 * rather than with the store's. The quantities are unit counts, not money, so doubles are exact enough.
 */
record ItemQuantityStats(long count, double mean, double m2) {

    static final ItemQuantityStats NONE = new ItemQuantityStats(0, 0, 0);

    ItemQuantityStats add(double quantity) {
        long n = count + 1;
        double delta = quantity - mean;
        double newMean = mean + delta / n;
        return new ItemQuantityStats(n, newMean, m2 + delta * (quantity - newMean));
    }

    double deviation() {
        return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
    }
}
