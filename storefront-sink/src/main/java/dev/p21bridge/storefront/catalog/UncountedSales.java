package dev.p21bridge.storefront.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule for writing a stock level to a storefront: <b>the level minus the storefront's own sales that the level
 * does not count yet</b>.
 *
 * <p>Why: a storefront takes sold units off its stock the moment it places an order; the order reaches the bridge a
 * little later. A level computed in between counts only the orders the bridge has seen, so it is higher than the
 * storefront's own amount. Written as it is, it would hand the sold units back to the storefront, which would sell
 * them a second time (oversell). So the sink keeps, per store and SKU, the units the store sold that no level has
 * counted yet (the level being the store's share, {@link CatalogUpdate#amountFor}, and its counted units those of
 * {@code storefrontSales} entries naming the store):
 *
 * <pre>uncounted = uncounted at the last write
 *           + sold since then (last amount written − the storefront's current amount, if lower)
 *           − this storefront's units the level counted since then (InventoryLevel.storefrontSales)</pre>
 *
 * and writes {@code max(0, level − uncounted)}. Consequences: a decrease (P21 has less, or another storefront sold)
 * is always written; a raise is written only as far as P21 really has more (a receipt, an adjustment, a reservation
 * that expired), never by giving back a sale the level does not know of; when every order is counted,
 * {@code uncounted} is 0 and the storefront shows the level exactly.
 *
 * <p>Uncounted sales are kept in buckets by the minute they were seen and are consumed oldest first. A bucket older
 * than {@link #HORIZON} is dropped: by then the transformer has counted the order (it counts even orders too old to
 * reserve), so what is left there was never an order the bridge will see (a stock edit in the storefront's back
 * office, a write of ours that committed but answered with an error) and must not lower the stock for ever.
 *
 * <p>A level without {@code storefrontSales} (an older transformer) is written as it is. A first write, or one after
 * the transformer's counts went back (its state was reset), starts from "every sale is counted".
 */
final class UncountedSales {

    /** As long as the transformer's reservation time to live (default 30 min), after which it counts every order. */
    static final Duration HORIZON = Duration.ofMinutes(30);
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    /** Units a storefront sold during the minute starting {@code minute} (epoch millis) that no level counts yet. */
    record Bucket(long minute, BigDecimal units) {
    }

    /**
     * What a stock write of one storefront and SKU was based on, kept with its mark.
     *
     * @param counted   the storefront's counted units in the level written ({@code InventoryLevel.storefrontSales})
     * @param uncounted its sales that level did not count, oldest first
     */
    record Basis(BigDecimal counted, List<Bucket> uncounted) {

        Basis {
            uncounted = List.copyOf(uncounted);
        }

        BigDecimal total() {
            return uncounted.stream().map(Bucket::units).reduce(ZERO, BigDecimal::add);
        }
    }

    /** The amount to write (or to leave, when it is the current one) and the basis to remember with it. */
    record Decision(long amount, Basis basis) {
    }

    private UncountedSales() {
    }

    /**
     * @param level   the level's storefront amount (whole units, at least 0)
     * @param counted the storefront's counted units in the level; null when the level does not say
     * @param last       the basis of the last write to this storefront and SKU; null when none
     * @param lastAmount the amount that write left on the storefront; null when none
     * @param current    the storefront's amount right now, read just before writing
     * @param now        epoch millis, for the buckets and the horizon
     */
    static Decision decide(BigDecimal level, BigDecimal counted, Basis last, BigDecimal lastAmount, long current,
                           long now) {
        if (counted == null) {
            return new Decision(level.longValueExact(), null);
        }
        List<Bucket> uncounted = new ArrayList<>();
        if (last != null && lastAmount != null && counted.compareTo(last.counted()) >= 0) {
            long horizon = now - HORIZON.toMillis();
            last.uncounted().stream().filter(b -> b.minute() >= horizon).forEach(uncounted::add);
            BigDecimal sold = lastAmount.subtract(BigDecimal.valueOf(current));
            if (sold.signum() > 0) {
                add(uncounted, new Bucket(now - now % MINUTE, sold));
            }
            consume(uncounted, counted.subtract(last.counted()));
        }
        Basis basis = new Basis(counted, uncounted);
        BigDecimal amount = level.subtract(basis.total()).setScale(0, RoundingMode.FLOOR).max(ZERO);
        return new Decision(amount.longValueExact(), basis);
    }

    private static void add(List<Bucket> buckets, Bucket sold) {
        int lastIndex = buckets.size() - 1;
        if (lastIndex >= 0 && buckets.get(lastIndex).minute() == sold.minute()) {
            buckets.set(lastIndex, new Bucket(sold.minute(), buckets.get(lastIndex).units().add(sold.units())));
        } else {
            buckets.add(sold);
        }
    }

    /** Takes {@code units} counted by the level off the oldest buckets first. */
    private static void consume(List<Bucket> buckets, BigDecimal units) {
        BigDecimal left = units;
        while (left.signum() > 0 && !buckets.isEmpty()) {
            Bucket oldest = buckets.get(0);
            if (oldest.units().compareTo(left) <= 0) {
                buckets.remove(0);
                left = left.subtract(oldest.units());
            } else {
                buckets.set(0, new Bucket(oldest.minute(), oldest.units().subtract(left)));
                left = ZERO;
            }
        }
    }
}
