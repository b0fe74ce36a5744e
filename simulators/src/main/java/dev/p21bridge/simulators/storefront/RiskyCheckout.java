package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one checkout remembers about its risky orders while it places them: where each card-testing run started
 * (its buyer and IP come from there), the totals of the normal orders placed so far (a high-value order is far above
 * their median, taken once, at the checkout's first high-value order, from the history before it), and the truth
 * to answer.
 */
final class RiskyCheckout {

    /** The typical order when no normal order came before: never with the 5% history in front. */
    private static final BigDecimal NO_HISTORY = new BigDecimal("1000.00");

    private final RiskyMix mix;
    private final Map<Integer, Long> runAnchors = new HashMap<>();
    private final List<BigDecimal> normalTotals = new ArrayList<>();
    private final Map<String, RiskPattern> truth = new LinkedHashMap<>();
    private BigDecimal typical;

    RiskyCheckout(RiskyMix mix) {
        this.mix = mix;
    }

    /** What order {@code number}, in {@code slot}, fixes to be risky. */
    RiskyOrders.Draw draw(RiskyOrders riskyOrders, RiskyMix.Slot slot, long number, List<ProductView> products) {
        long anchor = slot.run() < 0 ? number : runAnchors.computeIfAbsent(slot.run(), run -> number);
        if (slot.pattern() == RiskPattern.HIGH_VALUE_ABROAD && typical == null) {
            typical = median(normalTotals);
        }
        return riskyOrders.draw(slot, number, anchor, typical == null ? NO_HISTORY : typical, products);
    }

    /** Notes an order the store accepted. */
    void placed(Order order) {
        if (order.risk().pattern() != null) {
            truth.put(order.id(), order.risk().pattern());
        } else if (!mix.isEmpty() && typical == null) {
            normalTotals.add(order.total());
        }
    }

    Map<String, RiskPattern> truth() {
        return truth;
    }

    private static BigDecimal median(List<BigDecimal> totals) {
        if (totals.isEmpty()) {
            return NO_HISTORY;
        }
        List<BigDecimal> sorted = totals.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
