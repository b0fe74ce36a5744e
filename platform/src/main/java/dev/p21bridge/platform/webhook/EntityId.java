package dev.p21bridge.platform.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one way an entity id is read from a storefront payload: by the ingress, whose key for the raw record it becomes,
 * and by the transformer, which must arrive at the same key, or one order gets two keys, two partitions and two
 * histories. A string id is taken trimmed (a blank one is no id). A numeric id is canonical: {@code 10452},
 * {@code 10452.0} and {@code 1.0452E4} are all {@code "10452"}; a number that is not whole, or lies outside a signed
 * 64-bit integer, is no valid id at all ({@link InvalidEntityIdException}); so is text that spells such a number.
 * Messages never repeat the value.
 */
public final class EntityId {

    /** Characters of a string id; an id is a Kafka key and appears in logs, so it is kept short. */
    public static final int MAX_LENGTH = 256;

    /** A JSON number (RFC 8259 section 6), nothing more: no sign but minus, no leading zero, no bare point. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** Digits of {@code Long.MAX_VALUE}: a whole number with more integer digits cannot fit a long. */
    private static final int LONG_DIGITS = 19;
    /** Doubles at or above 2^53 may be a rounded neighbour of the number written. */
    private static final double EXACT_DOUBLE_LIMIT = 0x1p53;

    /** The value cannot be an entity id; the message says why without repeating the value. */
    public static final class InvalidEntityIdException extends IllegalArgumentException {
        InvalidEntityIdException(String message) {
            super(message);
        }
    }

    private EntityId() {
    }

    /**
     * The canonical id of a JSON number as written, e.g. {@code "1.0452E4"} gives {@code "10452"}.
     *
     * @throws InvalidEntityIdException when the text is not a JSON number, not whole, or outside a 64-bit integer
     */
    public static String fromNumber(String written) {
        if (written.length() > WebhookJson.MAX_NUMBER_LENGTH) {
            throw outOfRange();
        }
        if (!JSON_NUMBER.matcher(written).matches()) {
            throw new InvalidEntityIdException("a numeric entity id must be a JSON number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(written);
        } catch (NumberFormatException exponentBeyondAnInt) {
            // 1e2147483648: beyond BigDecimal's scale, so far from any long (or any non-zero fraction)
            throw outOfRange();
        }
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new InvalidEntityIdException("a numeric entity id must be a whole number");
        }
        // integer digits = precision - scale; checked before longValueExact, which would expand 1e999999999
        if ((long) stripped.precision() - stripped.scale() > LONG_DIGITS) {
            throw outOfRange();
        }
        try {
            return Long.toString(stripped.longValueExact());
        } catch (ArithmeticException beyondALong) {
            throw outOfRange();
        }
    }

    /**
     * A string id, trimmed; {@code null} when it is blank (then the next key field, or the event id, keys it). Text
     * that is a number with a fraction or an exponent ({@code "10452.0"}) is read as that number, so a storefront
     * that writes an id once as a number and once as text still gives the order one key; digits alone are kept as
     * written, leading zeros included ({@code "000981"}).
     *
     * @throws InvalidEntityIdException when it is longer than {@link #MAX_LENGTH}, or numeric text that is no whole
     *                                  number
     */
    public static String fromString(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidEntityIdException("a string entity id must be at most " + MAX_LENGTH + " characters");
        }
        boolean fractionOrExponent = trimmed.chars().anyMatch(c -> c == '.' || c == 'e' || c == 'E');
        return fractionOrExponent && JSON_NUMBER.matcher(trimmed).matches() ? fromNumber(trimmed) : trimmed;
    }

    /**
     * The id held by a tree node: {@link #fromString} for text, {@link #fromNumber} for a number, {@code null} for
     * anything else (absent, null, boolean, object, array). Read the tree with {@link WebhookJson#mapper()}, which keeps
     * floats exact; a double from another mapper is accepted only below 2^53, where it cannot have been rounded.
     *
     * @throws InvalidEntityIdException as {@link #fromString} and {@link #fromNumber} do
     */
    public static String fromNode(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return fromString(value.textValue());
        }
        if (value.isDouble() || value.isFloat()) {
            double number = value.doubleValue();
            if (!(Math.abs(number) < EXACT_DOUBLE_LIMIT)) {
                throw new InvalidEntityIdException("a numeric entity id read as a double may be rounded; "
                        + "read the body with WebhookJson.mapper()");
            }
            return fromNumber(BigDecimal.valueOf(number).toPlainString());
        }
        if (value.isNumber()) {
            return fromNumber(value.isBigDecimal() ? value.decimalValue().toString() : value.asText());
        }
        return null;
    }

    /**
     * The id held by the parser's current value token, as {@link #fromNode} reads it; {@code null} for a token
     * that is not a string or a number. The parser is not advanced.
     */
    public static String fromToken(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return fromString(parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return fromNumber(parser.getText());
        }
        return null;
    }

    private static InvalidEntityIdException outOfRange() {
        return new InvalidEntityIdException("a numeric entity id must be a whole number within a 64-bit integer");
    }
}
