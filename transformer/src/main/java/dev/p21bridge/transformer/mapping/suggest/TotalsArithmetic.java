package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    private static final List<String> TOTALS = List.of(SUBTOTAL, TAX, SHIPPING, DISCOUNT, TOTAL);
    private static final Set<String> IN_LINES_SUM = Set.of(QUANTITY, UNIT_PRICE, SUBTOTAL);
    private static final Set<String> MAY_BE_ABSENT = Set.of(TAX, SHIPPING, DISCOUNT);
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

    /**
     * The amount targets' choice; empty when quantity, unit price, subtotal or total has no numeric candidate, since
     * then nothing can be checked. Other targets in {@code ranked} are left alone.
     */
    static Optional<Outcome> balance(Map<String, List<Candidate>> ranked) {
        Map<String, List<Optional<Valued>>> options = new HashMap<>();
        for (String target : concat(List.of(QUANTITY, UNIT_PRICE), TOTALS)) {
            List<Optional<Valued>> tried = ranked.getOrDefault(target, List.of()).stream()
                    .map(Valued::of).flatMap(Optional::stream).limit(TRIED).map(Optional::of)
                    .collect(Collectors.toCollection(ArrayList::new));
            if (MAY_BE_ABSENT.contains(target)) {
                tried.add(Optional.empty());
            }
            if (tried.isEmpty()) {
                return Optional.empty();
            }
            options.put(target, tried);
        }
        List<Map<String, Optional<Valued>>> totals = combinations(options);
        Combination best = null;
        for (Optional<Valued> quantity : options.get(QUANTITY)) {
            for (Optional<Valued> price : options.get(UNIT_PRICE)) {
                // summed once per pair: an order may have thousands of lines
                BigDecimal linesSum = linesSum(quantity.orElseThrow(), price.orElseThrow());
                for (Map<String, Optional<Valued>> chosen : totals) {
                    Map<String, Optional<Valued>> all = new HashMap<>(chosen);
                    all.put(QUANTITY, quantity);
                    all.put(UNIT_PRICE, price);
                    Combination combination = new Combination(all, linesSum);
                    if (best == null || combination.beats(best)) {
                        best = combination;
                    }
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.outcome(ranked));
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

        String path() {
            return candidate.field().path();
        }
    }

    /** Each line's quantity times price, rounded to the cent as the validator compares them, added up. */
    private static BigDecimal linesSum(Valued quantities, Valued prices) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < Math.min(quantities.numbers().size(), prices.numbers().size()); i++) {
            sum = sum.add(quantities.numbers().get(i).multiply(prices.numbers().get(i)).setScale(2, RoundingMode.HALF_UP));
        }
        return sum;
    }

    /** Every choice of one option per totals target, no field chosen twice. */
    private static List<Map<String, Optional<Valued>>> combinations(Map<String, List<Optional<Valued>>> options) {
        List<Map<String, Optional<Valued>>> partial = List.of(Map.of());
        for (String target : TOTALS) {
            List<Map<String, Optional<Valued>>> next = new ArrayList<>();
            for (Map<String, Optional<Valued>> chosen : partial) {
                for (Optional<Valued> option : options.get(target)) {
                    if (option.isPresent() && chosen.values().stream().flatMap(Optional::stream)
                            .anyMatch(other -> other.path().equals(option.get().path()))) {
                        continue;
                    }
                    Map<String, Optional<Valued>> more = new HashMap<>(chosen);
                    more.put(target, option);
                    next.add(more);
                }
            }
            partial = next;
        }
        return partial;
    }

    private record Combination(Map<String, Optional<Valued>> chosen, BigDecimal linesSum) {

        boolean linesBalance() {
            return near(linesSum, amount(SUBTOTAL));
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

        Outcome outcome(Map<String, List<Candidate>> ranked) {
            Map<String, Optional<Candidate>> result = new HashMap<>();
            Map<String, String> passedOver = new HashMap<>();
            for (String target : chosen.keySet()) {
                Optional<Candidate> top = ranked.getOrDefault(target, List.of()).stream().findFirst();
                Optional<Valued> pick = chosen.get(target);
                if (pick.isEmpty()) {
                    result.put(target, Optional.empty());
                    top.ifPresent(candidate -> passedOver.put(target, "arithmetic: the totals balance without it, not"
                            + " with '" + candidate.field().path() + "'"));
                    continue;
                }
                result.put(target, Optional.of(rescored(target, pick.get().candidate(), top)));
            }
            return new Outcome(Map.copyOf(result), Map.copyOf(passedOver));
        }

        /** Up by the equations it balances in, down by those it does not, with the sums as evidence. */
        private Candidate rescored(String target, Candidate candidate, Optional<Candidate> top) {
            boolean inLines = IN_LINES_SUM.contains(target);
            boolean inTotal = TOTALS.contains(target);
            boolean balanced = (inLines && linesBalance()) || (inTotal && totalBalances());
            boolean unbalanced = (inLines && !linesBalance()) || (inTotal && !totalBalances());
            double score = candidate.score();
            score = balanced ? score + (1 - score) * 0.6 : score;
            score = unbalanced ? score * (balanced ? 0.9 : 0.8) : score;
            List<String> notes = new ArrayList<>();
            if (inLines) {
                notes.add(String.format("arithmetic: sum of quantity x unitPrice over %d line(s) = %s %s subtotal %s",
                        chosen.get(QUANTITY).orElseThrow().numbers().size(), plain(linesSum),
                        linesBalance() ? "=" : "<>", plain(amount(SUBTOTAL))));
            }
            if (inTotal) {
                notes.add(String.format("arithmetic: subtotal %s + tax %s + shipping %s - discount %s = %s %s total %s",
                        plain(amount(SUBTOTAL)), plain(amount(TAX)), plain(amount(SHIPPING)),
                        plain(amount(DISCOUNT).abs()), plain(expectedTotal()), totalBalances() ? "=" : "<>",
                        plain(amount(TOTAL))));
            }
            if (top.isPresent() && top.get() != candidate) {
                notes.add("arithmetic chose it over '" + top.get().field().path() + "', which does not balance");
            }
            Candidate rescored = candidate;
            for (String note : notes) {
                rescored = rescored.rescored(score, note);
            }
            return rescored;
        }

        private static boolean near(BigDecimal a, BigDecimal b) {
            return a.subtract(b).abs().compareTo(CENT) <= 0;
        }

        private static String plain(BigDecimal value) {
            return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
