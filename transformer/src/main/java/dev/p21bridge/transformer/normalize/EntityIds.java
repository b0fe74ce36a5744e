package dev.p21bridge.transformer.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one text form of an entity id, so an order is keyed once however its storefront wrote the id: the JSON
 * numbers {@code 10452}, {@code 10452.0} and {@code 1.0452E4} are all {@code "10452"}, as is the text
 * {@code "10452.0"}. A non-integral number is no id ({@code validation}). Text that is not a number with a fraction
 * or an exponent is kept as it is, trimmed: {@code "CL-2026-000981"}, and {@code "000981"} with its zeros, since a
 * string id's leading zeros may matter.
 *
 * <p>Stands in for the shared canonical-id class the ingress will use; the two must agree, so an order's key is the
 * same in both.
 */
public final class EntityIds {

    /** Digits with a fraction and/or an exponent: text an id-writer meant as a number. */
    private static final Pattern NUMERIC_TEXT = Pattern.compile("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");
    /** A long id fits in 19 digits; anything longer is no id of a storefront or of P21. */
    private static final int INTEGER_DIGITS = 19;

    private EntityIds() {
    }

    /** The canonical form of {@code node}; null for an absent, null or blank value. */
    public static String canonical(JsonNode node) {
        return canonical(node, "id");
    }

    /** As {@link #canonical(JsonNode)}, with {@code path} naming the field in error messages. */
    public static String canonical(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return integral(node.decimalValue(), path);
        }
        if (!node.isTextual()) {
            throw new MappingException(path + " must be a text or a number, got " + node.getNodeType().name().toLowerCase());
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > FieldLimits.ID) {
            throw new ValidationException(path + " is " + text.length() + " characters long, more than the "
                    + FieldLimits.ID + " an id may have");
        }
        if (NUMERIC_TEXT.matcher(text).matches() && (text.contains(".") || text.contains("e") || text.contains("E"))) {
            return integral(new BigDecimal(text), path);
        }
        return text;
    }

    private static String integral(BigDecimal value, String path) {
        // the guard first: 1e1000000000 must not reach toBigIntegerExact
        if (Decimals.integerDigits(value) > INTEGER_DIGITS) {
            throw new ValidationException(path + " is no id: " + Echo.plain(value.toString()) + " has more than "
                    + INTEGER_DIGITS + " digits");
        }
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new ValidationException(path + " must be a whole number to be an id, got " + Echo.plain(value.toString()));
        }
        return whole.toBigIntegerExact().toString();
    }
}
