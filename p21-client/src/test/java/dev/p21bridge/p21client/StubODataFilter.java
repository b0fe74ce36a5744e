package dev.p21bridge.p21client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} subset {@link StubP21} understands: {@code column op literal} with {@code eq ne gt ge lt le},
 * joined by {@code and}/{@code or} with parentheses. Literals: bare ISO date-times, numbers, {@code 'text'} with
 * {@code ''}. Text compares case-insensitively, as P21's SQL Server does; an unknown construct fails the test loudly.
 */
final class StubODataFilter {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\\(|\\)|'(?:[^']|'')*'|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z|-?\\d+(?:\\.\\d+)?|[A-Za-z_][A-Za-z0-9_]*)");

    private final List<String> tokens = new ArrayList<>();
    private int index;

    private StubODataFilter(String text) {
        Matcher matcher = TOKEN.matcher(text);
        int position = 0;
        while (position < text.length() && matcher.find(position) && matcher.start() == position) {
            tokens.add(matcher.group(1));
            position = matcher.end();
        }
        if (!text.substring(position).isBlank()) {
            throw new IllegalArgumentException("stub cannot read the filter from: " + text.substring(position));
        }
    }

    static Predicate<com.fasterxml.jackson.databind.node.ObjectNode> parse(String text) {
        StubODataFilter parser = new StubODataFilter(text);
        Predicate<JsonNode> predicate = parser.or();
        if (parser.index != parser.tokens.size()) {
            throw new IllegalArgumentException("stub: trailing tokens in " + text);
        }
        return predicate::test;
    }

    /** Compares two values of {@code column}: dates as instants, numbers by value, text case-insensitively. */
    static int compare(JsonNode a, JsonNode b, String column) {
        if (a == null || a.isNull() || b == null || b.isNull()) {
            return (a == null || a.isNull() ? 0 : 1) - (b == null || b.isNull() ? 0 : 1);
        }
        if (column.startsWith("date")) {
            return Instant.parse(a.asText()).compareTo(Instant.parse(b.asText()));
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return String.CASE_INSENSITIVE_ORDER.compare(a.asText(), b.asText());
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peek("or")) {
            index++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (peek("and")) {
            index++;
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (peek("(")) {
            index++;
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String column = tokens.get(index++);
        String op = tokens.get(index++);
        JsonNode literal = literal(tokens.get(index++));
        return row -> {
            JsonNode value = row.get(column);
            if (value == null || value.isNull()) {
                return false;
            }
            int c = compare(value, literal, column);
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                case "le" -> c <= 0;
                default -> throw new IllegalArgumentException("stub: unknown operator " + op);
            };
        };
    }

    private static JsonNode literal(String token) {
        if (token.startsWith("'")) {
            return JsonNodeFactory.instance.textNode(token.substring(1, token.length() - 1).replace("''", "'"));
        }
        if (token.endsWith("Z")) {
            return JsonNodeFactory.instance.textNode(Instant.parse(token).toString());
        }
        return JsonNodeFactory.instance.numberNode(new BigDecimal(token));
    }

    private boolean peek(String token) {
        return index < tokens.size() && tokens.get(index).equalsIgnoreCase(token);
    }

    private void expect(String token) {
        if (!peek(token)) {
            throw new IllegalArgumentException("stub: expected " + token + " at token " + index + " of " + tokens);
        }
        index++;
    }
}
