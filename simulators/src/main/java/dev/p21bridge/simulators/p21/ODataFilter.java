package dev.p21bridge.simulators.p21;

import dev.p21bridge.simulators.p21.ODataLexer.Kind;
import dev.p21bridge.simulators.p21.ODataLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * A parsed {@code $filter}: {@code eq ne gt ge lt le}, {@code and or not}, parentheses, {@code in (...)}, and the
 * functions {@code startswith endswith contains substringof tolower toupper trim length}. Column names are checked
 * when parsing, so a typo answers 400 rather than matching nothing. Precedence, lowest first: or, and, not,
 * comparison.
 */
final class ODataFilter {

    @FunctionalInterface
    private interface Expr {
        Object eval(Map<String, Object> row);
    }

    /**
     * An expression and whether it yields a boolean (a condition) or a value; for a bare column its name, for a
     * literal its value, and for a condition the {@code column eq 'text'} terms every matching row must satisfy
     * (column to the texts one of which it holds).
     */
    private record Typed(Expr expr, boolean condition, String column, Object literal,
                         Map<String, Set<String>> equalities) {

        Typed(Expr expr, boolean condition) {
            this(expr, condition, null, null, Map.of());
        }
    }

    private static final Map<String, BiPredicate<Object, Object>> COMPARISONS = Map.of(
            "eq", ODataValues::equal,
            "ne", (a, b) -> !ODataValues.equal(a, b),
            "gt", ordered(c -> c > 0),
            "ge", ordered(c -> c >= 0),
            "lt", ordered(c -> c < 0),
            "le", ordered(c -> c <= 0));

    private static final Set<String> CONDITION_FUNCTIONS = Set.of("startswith", "endswith", "contains", "substringof");
    private static final Set<String> VALUE_FUNCTIONS = Set.of("tolower", "toupper", "trim", "length");

    private final Expr root;
    private final Map<String, Set<String>> equalities;

    private ODataFilter(Expr root, Map<String, Set<String>> equalities) {
        this.root = root;
        this.equalities = equalities;
    }

    /** Parses {@code text} against the table's columns; throws a 400 {@link ODataException} when it is not valid. */
    static ODataFilter parse(String text, Collection<String> columns) {
        Parser parser = new Parser(ODataLexer.tokens(text), columns);
        Typed root = parser.or();
        parser.expect(Kind.END, "end of expression");
        if (!root.condition()) {
            throw ODataException.badFilter("the expression is a value, not a condition");
        }
        return new ODataFilter(root.expr(), root.equalities());
    }

    boolean test(Map<String, Object> row) {
        return Boolean.TRUE.equals(root.eval(row));
    }

    /**
     * Column to texts, where every row the filter matches holds one of the texts in that column: a
     * {@code column eq 'text'} joined to the rest of the filter by {@code and}, or several of them on one column
     * joined by {@code or} ({@code web_reference_no eq 'a' or web_reference_no eq 'b'}, how the p21-sink looks up
     * several orders in one call). A table can answer from an index and still apply the whole filter to what the
     * index gives.
     */
    Map<String, Set<String>> equalities() {
        return equalities;
    }

    /** An ordering test; false when either side is null or the two cannot be compared, as in SQL. */
    private static BiPredicate<Object, Object> ordered(IntPredicate test) {
        return (a, b) -> {
            Integer c = a == null || b == null ? null : ODataValues.compare(a, b);
            return c != null && test.test(c);
        };
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final Collection<String> columns;
        private int index;

        Parser(List<Token> tokens, Collection<String> columns) {
            this.tokens = tokens;
            this.columns = columns;
        }

        Typed or() {
            Typed left = and();
            while (peek().isKeyword("or")) {
                index++;
                Typed lt = condition(left, "or");
                Typed rt = condition(and(), "or");
                Expr l = lt.expr();
                Expr r = rt.expr();
                left = new Typed(row -> Boolean.TRUE.equals(l.eval(row)) || Boolean.TRUE.equals(r.eval(row)), true,
                        null, null, either(lt.equalities(), rt.equalities()));
            }
            return left;
        }

        private Typed and() {
            Typed left = not();
            while (peek().isKeyword("and")) {
                index++;
                Typed lt = condition(left, "and");
                Typed rt = condition(not(), "and");
                Expr l = lt.expr();
                Expr r = rt.expr();
                left = new Typed(row -> Boolean.TRUE.equals(l.eval(row)) && Boolean.TRUE.equals(r.eval(row)), true,
                        null, null, both(lt.equalities(), rt.equalities()));
            }
            return left;
        }

        private Typed not() {
            if (peek().isKeyword("not")) {
                index++;
                Expr operand = condition(not(), "not").expr();
                return new Typed(row -> !Boolean.TRUE.equals(operand.eval(row)), true);
            }
            return comparison();
        }

        private Typed comparison() {
            Typed left = primary();
            Token op = peek();
            String name = op.kind() == Kind.IDENT ? op.text().toLowerCase(Locale.ROOT) : "";
            if (COMPARISONS.containsKey(name)) {
                index++;
                Typed right = primary();
                BiPredicate<Object, Object> test = COMPARISONS.get(name);
                Expr l = left.expr();
                Expr r = right.expr();
                return new Typed(row -> test.test(l.eval(row), r.eval(row)), true, null, null,
                        name.equals("eq") ? equality(left, right) : Map.of());
            }
            if (name.equals("in")) {
                index++;
                List<Expr> candidates = arguments();
                Expr l = left.expr();
                return new Typed(row -> {
                    Object value = l.eval(row);
                    return candidates.stream().anyMatch(c -> ODataValues.equal(value, c.eval(row)));
                }, true);
            }
            return left;
        }

        private Typed primary() {
            Token token = tokens.get(index++);
            switch (token.kind()) {
                case OPEN -> {
                    Typed inner = or();
                    expect(Kind.CLOSE, "')'");
                    return inner;
                }
                case STRING, NUMBER, DATETIME -> {
                    Object value = token.value();
                    return new Typed(row -> value, false, null, value, Map.of());
                }
                case IDENT -> {
                    return identifier(token);
                }
                default -> throw ODataException.badFilter(
                        "expected a value at position " + token.position() + ", found '" + token.text() + "'");
            }
        }

        private Typed identifier(Token token) {
            String name = token.text();
            String lower = name.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true", "false" -> {
                    Boolean value = Boolean.valueOf(lower);
                    return new Typed(row -> value, true);
                }
                case "null" -> {
                    return new Typed(row -> null, false);
                }
                default -> {
                }
            }
            if (peek().kind() == Kind.OPEN) {
                return function(lower, token.position());
            }
            if (!columns.contains(name)) {
                throw ODataException.badFilter("unknown column '" + name + "' at position " + token.position());
            }
            return new Typed(row -> row.get(name), false, name, null, Map.of());
        }

        /**
         * Both sides hold: for a column named on both sides, either side's texts bound what it holds; the fewer are
         * kept. (Not their intersection: the texts compare as the column does, ignoring case, so {@code 'A'} and
         * {@code 'a'} allow the same rows.)
         */
        private static Map<String, Set<String>> both(Map<String, Set<String>> left, Map<String, Set<String>> right) {
            Map<String, Set<String>> both = new HashMap<>(left);
            right.forEach((column, texts) -> both.merge(column, texts, (a, b) -> b.size() < a.size() ? b : a));
            return Map.copyOf(both);
        }

        /** Either side holds: only a column named on both sides is known, holding a text of either. */
        private static Map<String, Set<String>> either(Map<String, Set<String>> left, Map<String, Set<String>> right) {
            Map<String, Set<String>> either = new HashMap<>();
            left.forEach((column, texts) -> {
                if (right.containsKey(column)) {
                    Set<String> all = new HashSet<>(texts);
                    all.addAll(right.get(column));
                    either.put(column, Set.copyOf(all));
                }
            });
            return Map.copyOf(either);
        }

        /** {@code column eq 'text'} either way round, as a column to text; nothing for any other comparison. */
        private static Map<String, Set<String>> equality(Typed left, Typed right) {
            if (left.column() != null && right.literal() instanceof String text) {
                return Map.of(left.column(), Set.of(text));
            }
            if (right.column() != null && left.literal() instanceof String text) {
                return Map.of(right.column(), Set.of(text));
            }
            return Map.of();
        }

        private Typed function(String name, int position) {
            if (!CONDITION_FUNCTIONS.contains(name) && !VALUE_FUNCTIONS.contains(name)) {
                throw ODataException.badFilter("unknown function '" + name + "' at position " + position);
            }
            List<Expr> args = arguments();
            int arity = CONDITION_FUNCTIONS.contains(name) ? 2 : 1;
            if (args.size() != arity) {
                throw ODataException.badFilter(name + " takes " + arity + " argument(s), got " + args.size());
            }
            Expr a = args.get(0);
            Expr b = arity == 2 ? args.get(1) : null;
            return switch (name) {
                case "startswith" -> textCondition(a, b, String::startsWith);
                case "endswith" -> textCondition(a, b, String::endsWith);
                case "contains" -> textCondition(a, b, String::contains);
                case "substringof" -> textCondition(b, a, String::contains);
                case "tolower" -> new Typed(row -> mapText(a.eval(row), s -> s.toLowerCase(Locale.ROOT)), false);
                case "toupper" -> new Typed(row -> mapText(a.eval(row), s -> s.toUpperCase(Locale.ROOT)), false);
                case "trim" -> new Typed(row -> mapText(a.eval(row), String::trim), false);
                default -> new Typed(row -> {
                    String text = ODataValues.text(a.eval(row));
                    return text == null ? null : BigDecimal.valueOf(text.length());
                }, false);
            };
        }

        /** A string test, case-insensitive like P21's SQL Server collation; false when either side is null. */
        private static Typed textCondition(Expr haystack, Expr needle, BiPredicate<String, String> test) {
            return new Typed(row -> {
                String h = ODataValues.text(haystack.eval(row));
                String n = ODataValues.text(needle.eval(row));
                return h != null && n != null && test.test(h.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            }, true);
        }

        private static Object mapText(Object value, UnaryOperator<String> f) {
            String text = ODataValues.text(value);
            return text == null ? null : f.apply(text);
        }

        private List<Expr> arguments() {
            expect(Kind.OPEN, "'('");
            List<Expr> args = new ArrayList<>();
            if (peek().kind() != Kind.CLOSE) {
                do {
                    args.add(or().expr());
                } while (accept(Kind.COMMA));
            }
            expect(Kind.CLOSE, "')'");
            return args;
        }

        private Typed condition(Typed typed, String operator) {
            if (!typed.condition()) {
                throw ODataException.badFilter("'" + operator + "' needs conditions on both sides");
            }
            return typed;
        }

        private Token peek() {
            return tokens.get(index);
        }

        private boolean accept(Kind kind) {
            if (peek().kind() == kind) {
                index++;
                return true;
            }
            return false;
        }

        void expect(Kind kind, String what) {
            Token token = peek();
            if (token.kind() != kind) {
                String found = token.kind() == Kind.END ? "end of expression" : "'" + token.text() + "'";
                throw ODataException.badFilter("expected " + what + " at position " + token.position()
                        + ", found " + found);
            }
            index++;
        }
    }
}
