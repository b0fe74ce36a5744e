package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks which candidate amounts tie together, as the bridge's order validator will: the lines' quantity times unit
 * price add up to the subtotal, and subtotal + tax + shipping - discount is the total, each to the cent. Names alone
 * cannot tell Shopify's {@code subtotal_price} (after discounts) from {@code total_line_items_price} (before); the sums
 * can. The best three candidates of each amount are tried in every combination, tax, shipping and discount also as
 * absent; the combination that balances most, then scores highest, wins. Its members gain confidence, the candidates
 * it passes over lose their place, and when nothing balances every amount loses confidence.
 */
final class TotalsArithmetic {

    static final String QUANTITY = "lines[].quantity";
    static final String UNIT_PRICE = "lines[].unitPrice";
    static final String SUBTOTAL = "totals.subtotal";
    static final String TAX = "totals.tax";
    static final String SHIPPING = "totals.shipping";
    static final String DISCOUNT = "totals.discount";
    static final String TOTAL = "totals.total";
    private static final List<String> AMOUNTS = List.of(QUANTITY, UNIT_PRICE, SUBTOTAL, TAX, SHIPPING, DISCOUNT, TOTAL);
    private static final Set<String> OPTIONAL = Set.of(TAX, SHIPPING, DISCOUNT);
    private static final int TRIED = 3;
    private static final BigDecimal CENT = new BigDecimal("0.01");

    /**
     * The choice per amount target: a rescored candidate, or empty where the sums balance without one; for those,
     * why the best candidate was passed over.
     */
    record Outcome(Map<String, Optional<Candidate>> chosen, Map<String, String> passedOver) {
    }

    private TotalsArithmetic() {
    }

    /** Only the amount targets among {@code ranked}; the others are left alone. */
    static Optional<Outcome> balance(Map<String, List<Candidate>> ranked) {
        Map<String, List<Optional<Valued>>> options = new HashMap<>();
        for (String target : AMOUNTS) {
            List<Optional<Valued>> list = new ArrayList<>();
            for (Candidate candidate : ranked.getOrDefault(target, List.of())) {
                if (list.size() == TRIED) {
                    break;
                }
                Valued.of(candidate).ifPresent(valued -> list.add(Optional.of(valued)));
            }
            if (OPTIONAL.contains(target)) {
                list.add(Optional.empty());
            }
            if (list.isEmpty()) {
                return Optional.empty();
            }
            options.put(target, list);
        }
        Combination best = null;
        for (Combination combination : combinations(options)) {
            if (combination.distinct() && (best == null || combination.beats(best))) {
                best = combination;
            }
        }
        return Optional.of(best.apply(ranked));
    }

    /** A candidate with its numbers: one for an order amount, one per line for a line amount. */
    private record Valued(Candidate candidate, List<BigDecimal> numbers) {
        static Optional<Valued> of(Candidate candidate) {
            List<BigDecimal> numbers = new ArrayList<>();
            for (JsonNode value : candidate.field().values()) {
                Optional<BigDecimal> number = ValueShapes.decimal(value);
                if (number.isEmpty()) {
                    return Optional.empty();
                }
                numbers.add(number.get());
            }
            return Optional.of(new Valued(candidate, numbers));
        }

        BigDecimal number() {
            return numbers.get(0);
        }
    }

    private static List<Combination> combinations(Map<String, List<Optional<Valued>>> options) {
        List<Map<String, Optional<Valued>>> partial = List.of(Map.of());
        for (String target : AMOUNTS) {
            List<Map<String, Optional<Valued>>> next = new ArrayList<>();
            for (Map<String, Optional<Valued>> chosen : partial) {
                for (Optional<Valued> option : options.get(target)) {
                    Map<String, Optional<Valued>> more = new HashMap<>(chosen);
                    more.put(target, option);
                    next.add(more);
                }
            }
            partial = next;
        }
        return partial.stream().map(Combination::new).toList();
    }

    private record Combination(Map<String, Optional<Valued>> chosen) {

        boolean distinct() {
            Set<String> paths = new HashSet<>();
            for (String target : List.of(SUBTOTAL, TAX, SHIPPING, DISCOUNT, TOTAL)) {
                Optional<Valued> valued = chosen.get(target);
                if (valued.isPresent() && !paths.add(valued.get().candidate().field().path())) {
                    return false;
                }
            }
            return true;
        }

        BigDecimal linesSum() {
            List<BigDecimal> quantities = chosen.get(QUANTITY).orElseThrow().numbers();
            List<BigDecimal> prices = chosen.get(UNIT_PRICE).orElseThrow().numbers();
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < Math.min(quantities.size(), prices.size()); i++) {
                sum = sum.add(quantities.get(i).multiply(prices.get(i)).setScale(2, RoundingMode.HALF_UP));
            }
            return sum;
        }

        boolean linesBalance() {
            return near(linesSum(), amount(SUBTOTAL));
        }

        BigDecimal expectedTotal() {
            return amount(SUBTOTAL).add(amount(TAX)).add(amount(SHIPPING)).subtract(amount(DISCOUNT).abs());
        }

        boolean totalBalances() {
            return near(expectedTotal(), amount(TOTAL));
        }

        int balances() {
            return (linesBalance() ? 1 : 0) + (totalBalances() ? 1 : 0);
        }

        double score() {
            return chosen.values().stream().flatMap(Optional::stream).mapToDouble(v -> v.candidate().score()).sum();
        }

        boolean beats(Combination other) {
            return balances() != other.balances() ? balances() > other.balances() : score() > other.score();
        }

        BigDecimal amount(String target) {
            return chosen.get(target).map(Valued::number).orElse(BigDecimal.ZERO);
        }

        Outcome apply(Map<String, List<Candidate>> ranked) {
            String lines = String.format("arithmetic: sum of quantity x unitPrice over %d line(s) = %s %s subtotal %s",
                    chosen.get(QUANTITY).orElseThrow().numbers().size(), plain(linesSum()),
                    linesBalance() ? "=" : "<>", plain(amount(SUBTOTAL)));
            String total = String.format("arithmetic: subtotal %s + tax %s + shipping %s - discount %s = %s %s total %s",
                    plain(amount(SUBTOTAL)), plain(amount(TAX)), plain(amount(SHIPPING)), plain(amount(DISCOUNT).abs()),
                    plain(expectedTotal()), totalBalances() ? "=" : "<>", plain(amount(TOTAL)));
            Map<String, Optional<Candidate>> result = new HashMap<>();
            Map<String, String> passedOver = new HashMap<>();
            for (String target : AMOUNTS) {
                List<String> notes = new ArrayList<>();
                boolean inLines = List.of(QUANTITY, UNIT_PRICE, SUBTOTAL).contains(target);
                boolean inTotal = !target.startsWith("lines");
                boolean balanced = (inLines && linesBalance()) || (inTotal && totalBalances());
                boolean unbalanced = (inLines && !linesBalance()) || (inTotal && !totalBalances());
                if (inLines) {
                    notes.add(lines);
                }
                if (inTotal) {
                    notes.add(total);
                }
                Optional<Candidate> top = ranked.getOrDefault(target, List.of()).stream().findFirst();
                Optional<Valued> pick = chosen.get(target);
                if (pick.isEmpty()) {
                    result.put(target, Optional.empty());
                    top.ifPresent(candidate -> passedOver.put(target, "arithmetic: the totals balance without it, not"
                            + " with '" + candidate.field().path() + "'"));
                    continue;
                }
                Candidate candidate = pick.get().candidate();
                if (top.isPresent() && top.get() != candidate) {
                    notes.add("arithmetic chose it over '" + top.get().field().path() + "', which does not balance");
                }
                double score = candidate.score();
                score = balanced ? score + (1 - score) * 0.6 : score;
                score = unbalanced ? score * (balanced ? 0.9 : 0.8) : score;
                for (String note : notes) {
                    candidate = candidate.rescored(score, note);
                }
                result.put(target, Optional.of(candidate));
            }
            return new Outcome(Collections.unmodifiableMap(result), Collections.unmodifiableMap(passedOver));
        }

        private static boolean near(BigDecimal a, BigDecimal b) {
            return a.subtract(b).abs().compareTo(CENT) <= 0;
        }

        private static String plain(BigDecimal value) {
            return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }
}
