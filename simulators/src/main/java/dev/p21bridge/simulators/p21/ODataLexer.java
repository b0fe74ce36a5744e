package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code $filter} into tokens. Literals: {@code 'text'} with {@code ''} for a quote, numbers (an OData
 * type suffix such as {@code 10M} is allowed), ISO date-times written bare ({@code 2026-11-20T10:00:00.123Z}, OData
 * v4) or typed ({@code datetime'2026-11-20T10:00:00'}, OData v3, which P21's older service speaks).
 */
final class ODataLexer {

    enum Kind { IDENT, STRING, NUMBER, DATETIME, OPEN, CLOSE, COMMA, END }

    /** One token; {@code value} is the literal's Java value (String, BigDecimal or Instant). */
    record Token(Kind kind, String text, Object value, int position) {

        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:\\d{2})?)?(?![\\w.:-])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?([mMdDfFlL])?(?![\\w.])");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;
    private int pos;

    private ODataLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        ODataLexer lexer = new ODataLexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Kind.END, "", null, start);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Kind.OPEN, "(", null, start);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.CLOSE, ")", null, start);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", null, start);
            }
            case '\'' -> {
                String value = quoted();
                return new Token(Kind.STRING, value, value, start);
            }
            default -> {
                return literalOrIdentifier(start);
            }
        }
    }

    private Token literalOrIdentifier(int start) {
        Matcher dateTime = DATETIME.matcher(text).region(pos, text.length());
        if (dateTime.lookingAt()) {
            pos = dateTime.end();
            return new Token(Kind.DATETIME, dateTime.group(), instant(dateTime.group(), start), start);
        }
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        if (number.lookingAt()) {
            pos = number.end();
            String digits = number.group(3) == null ? number.group() : number.group().substring(0, number.group().length() - 1);
            return new Token(Kind.NUMBER, number.group(), new BigDecimal(digits), start);
        }
        Matcher ident = IDENT.matcher(text).region(pos, text.length());
        if (ident.lookingAt()) {
            pos = ident.end();
            String name = ident.group();
            String lower = name.toLowerCase(Locale.ROOT);
            if (pos < text.length() && text.charAt(pos) == '\''
                    && (lower.equals("datetime") || lower.equals("datetimeoffset") || lower.equals("date"))) {
                String value = quoted();
                return new Token(Kind.DATETIME, value, instant(value, start), start);
            }
            return new Token(Kind.IDENT, name, null, start);
        }
        throw ODataException.badFilter("unexpected '" + text.charAt(pos) + "' at position " + pos);
    }

    private String quoted() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw ODataException.badFilter("unterminated string starting at position " + start);
    }

    private static Instant instant(String literal, int position) {
        Instant instant = ODataValues.parseInstant(literal);
        if (instant == null) {
            throw ODataException.badFilter("'" + literal + "' at position " + position + " is not a valid date-time");
        }
        return instant;
    }
}
