package dev.p21bridge.transformer.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import dev.p21bridge.transformer.normalize.CountryCodes;
import dev.p21bridge.transformer.normalize.Echo;
import dev.p21bridge.transformer.normalize.Emails;
import dev.p21bridge.transformer.normalize.FieldLimits;
import dev.p21bridge.transformer.normalize.IsoDateTimes;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.PersonName;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The functions a template or rule calls for what JSONata does unsafely or not at all: exact money (JSONata computes
 * in doubles, so {@code price * amount} could put {@code 18.200000000000003} into an order), dates, country codes,
 * e-mails, names and the set's look-up tables, and {@code $invalid(message)} for a template to refuse a payload as a
 * {@code validation} dead letter. docs/mappings.md lists them with examples.
 */
final class TemplateFunctions {

    /** Any line break, as the X-Cart normalizer splits a street. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    /** Unix times below this are seconds, above it milliseconds (year 5138 in seconds, 1973 in milliseconds). */
    private static final long MILLIS_FROM = 100_000_000_000L;

    private TemplateFunctions() {
    }

    /** Binds every function by its name (without {@code $}); {@code tables} answer {@code $lookup}. */
    static void bind(BiConsumer<String, Object> functions, LookupTables tables) {
        functions.accept("money", function(args -> money(arg(args, 0), "$money")));
        functions.accept("moneySum", function(args -> moneySum(arg(args, 0))));
        functions.accept("moneyAbs", function(args -> nullOr(money(arg(args, 0), "$moneyAbs"), BigDecimal::abs)));
        functions.accept("moneyNeg", function(args -> nullOr(money(arg(args, 0), "$moneyNeg"), BigDecimal::negate)));
        functions.accept("moneyTimes", function(args -> {
            BigDecimal a = money(arg(args, 0), "$moneyTimes");
            BigDecimal b = money(arg(args, 1), "$moneyTimes");
            return a == null || b == null ? null : a.multiply(b);
        }));
        functions.accept("moneySign", function(args -> sign(arg(args, 0))));
        functions.accept("invalid", function(args -> {
            throw new ValidationException(text(arg(args, 0)) == null ? "refused by the template" : text(arg(args, 0)));
        }));
        functions.accept("instant", function(args -> instant(arg(args, 0), text(arg(args, 1)))));
        functions.accept("email", function(args -> nullOr(text(arg(args, 0)), raw -> Emails.normalize(raw, "$email"))));
        functions.accept("country", function(args -> nullOr(text(arg(args, 0)),
                code -> CountryCodes.toAlpha2(code, "$country"))));
        functions.accept("firstName", function(args -> PersonName.split(text(arg(args, 0))).firstName()));
        functions.accept("lastName", function(args -> PersonName.split(text(arg(args, 0))).lastName()));
        functions.accept("fullName", function(args -> {
            String first = text(arg(args, 0));
            String last = text(arg(args, 1));
            return first == null ? last : last == null ? first : first + " " + last;
        }));
        functions.accept("line", function(args -> line(text(arg(args, 0)), arg(args, 1))));
        functions.accept("text", function(args -> text(arg(args, 0))));
        functions.accept("lookup", function(args -> lookup(tables, args)));
    }

    private static JFunction function(Function<List<?>, Object> body) {
        return new JFunction((input, args) -> body.apply(args), null);
    }

    private static Object arg(List<?> args, int index) {
        if (args == null || index >= args.size()) {
            return null;
        }
        Object value = args.get(index);
        return value == Jsonata.NULL_VALUE ? null : value;
    }

    private static <T> Object nullOr(T value, Function<T, Object> then) {
        return value == null ? null : then.apply(value);
    }

    /** An exact decimal from a JSON number or a numeric text; a double is refused, whatever its value. */
    static BigDecimal money(Object value, String function) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.length() > FieldLimits.NUMBER_TEXT) {
                throw new MappingException(function + " got a text of " + trimmed.length() + " characters, more than"
                        + " the " + FieldLimits.NUMBER_TEXT + " a number may have");
            }
            try {
                return new BigDecimal(trimmed);
            } catch (NumberFormatException e) {
                throw new MappingException(function + " got a text that is not a number: " + Echo.quoted(trimmed));
            }
        }
        if (value instanceof Double || value instanceof Float) {
            throw new MappingException(function + " got a floating-point number computed by the template ("
                    + Echo.plain(value.toString()) + "): compute amounts with $moneySum, $moneyTimes, $moneyAbs");
        }
        throw new MappingException(function + " needs a number or a numeric text, got " + describe(value));
    }

    /** -1, 0 or 1 for a number or numeric text; nothing for anything else (the reader names it then). */
    private static Object sign(Object value) {
        try {
            BigDecimal amount = money(value, "$moneySign");
            return amount == null ? null : (long) amount.signum();
        } catch (MappingException e) {
            return null;
        }
    }

    /** Zero for nothing, the amount for one value, the exact sum of a list. */
    private static BigDecimal moneySum(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof List<?> list) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Object element : list) {
                BigDecimal amount = money(element == Jsonata.NULL_VALUE ? null : element, "$moneySum");
                sum = amount == null ? sum : sum.add(amount);
            }
            return sum;
        }
        return money(value, "$moneySum");
    }

    /**
     * ISO-8601 text of an instant: from ISO-8601 text with an offset, or unix seconds or milliseconds; with a zone
     * ({@code $instant(date_created_gmt, "UTC")}), a date-time without an offset is read in that zone.
     */
    private static String instant(Object value, String zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return IsoDateTimes.toInstant(text.trim()).toString();
            } catch (DateTimeParseException e) {
                if (zone != null) {
                    try {
                        return LocalDateTime.parse(text.trim()).atZone(ZoneId.of(zone)).toInstant().toString();
                    } catch (DateTimeException local) {
                        throw new MappingException("$instant got a text that is not an ISO-8601 date-time, or a zone"
                                + " it does not know: " + Echo.quoted(text) + " in " + Echo.quoted(zone));
                    }
                }
                throw new MappingException("$instant got a text that is not an ISO-8601 date-time with offset: "
                        + Echo.quoted(text) + " (give a zone for one without: $instant(x, \"UTC\"))");
            }
        }
        BigDecimal number = money(value, "$instant");
        try {
            long whole = number.longValueExact();
            return (Math.abs(whole) < MILLIS_FROM ? Instant.ofEpochSecond(whole) : Instant.ofEpochMilli(whole)).toString();
        } catch (ArithmeticException e) {
            throw new MappingException("$instant got a number that is not whole unix seconds or milliseconds: "
                    + Echo.plain(number.toPlainString()));
        }
    }

    /** Line 1 of a multi-line text, or with 2 everything after the first line break (as X-Cart's street is split). */
    private static String line(String text, Object which) {
        if (text == null) {
            return null;
        }
        BigDecimal number = money(which, "$line");
        if (number == null || (number.compareTo(BigDecimal.ONE) != 0 && number.compareTo(BigDecimal.valueOf(2)) != 0)) {
            throw new MappingException("$line takes line 1 or 2 (the rest of the text), got " + describe(which));
        }
        String[] lines = LINE_BREAK.split(text, 2);
        int index = number.intValue() - 1;
        return index < lines.length ? text(lines[index]) : null;
    }

    /** {@code $lookup(table, key)} or {@code $lookup(table, key, default)}: without a default a missing row fails. */
    private static Object lookup(LookupTables tables, List<?> args) {
        Object table = arg(args, 0);
        if (!(table instanceof String name)) {
            throw new MappingException("$lookup needs a table name first, got " + describe(table));
        }
        Object key = arg(args, 1);
        String keyText = key == null ? null : key instanceof String text ? text : key.toString();
        boolean hasDefault = args != null && args.size() > 2;
        return tables.find(name, keyText).<Object>map(found -> found).orElseGet(() -> {
            if (hasDefault) {
                return arg(args, 2);
            }
            throw new MappingException("look-up table " + Echo.quoted(name) + " has no row for "
                    + (keyText == null ? "an empty key" : Echo.quoted(keyText)) + "; add one to "
                    + MappingSet.TABLES + name + ".csv or give $lookup a default");
        });
    }

    /** Trimmed text, or null when nothing or blank; numbers and booleans as JSON writes them. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return "a text of " + text.length() + " characters";
        }
        return value instanceof List<?> list ? "a list of " + list.size() : value.getClass().getSimpleName();
    }
}
