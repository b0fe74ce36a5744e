package dev.p21bridge.transformer.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads fields of a storefront payload with error messages that name the JSON path and the value, so a dead letter
 * tells an operator exactly what to fix. Every text, array and number is bounded here, where it enters
 * ({@link FieldLimits}, {@link Decimals}), and a message quotes a value only cut ({@link Echo}) and never a text
 * that may be personal data (only its length is named). Numbers are read exactly: a string {@code "24.95"} and a JSON number
 * {@code 24.95} both become {@code BigDecimal("24.95")}, never a double (the mapper must be configured with
 * {@code USE_BIG_DECIMAL_FOR_FLOATS}).
 */
public final class JsonFields {

    private final JsonNode node;
    /** Where this object is, built on first use: it is needed only for an error message (none on the happy path). */
    private String path;
    private final JsonFields parent;
    private final String field;
    private final int index;

    public JsonFields(JsonNode node, String path) {
        this(node, null, path, -1);
        this.path = path;
    }

    /** The object in {@code parent}'s {@code field}, or at {@code index} of that array field when not negative. */
    private JsonFields(JsonNode node, JsonFields parent, String field, int index) {
        this.node = node;
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    public static JsonFields root(JsonNode node) {
        return new JsonFields(node, "");
    }

    public String path(String field) {
        String own = path();
        return own.isEmpty() ? field : own + "." + field;
    }

    private String path() {
        if (path == null) {
            String inParent = parent.path(field);
            path = index < 0 ? inParent : inParent + "[" + index + "]";
        }
        return path;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public JsonFields object(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new ValidationException(path(field) + " is required and must be an object, got " + describe(value));
        }
        return new JsonFields(value, this, field, -1);
    }

    public JsonFields optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MappingException(path(field) + " must be an object, got " + describe(value));
        }
        return new JsonFields(value, this, field, -1);
    }

    /** The elements of an array field; an absent field is an empty array. */
    public java.util.List<JsonFields> array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return java.util.List.of();
        }
        if (!value.isArray()) {
            throw new MappingException(path(field) + " must be an array, got " + describe(value));
        }
        if (value.size() > FieldLimits.ARRAY_ELEMENTS) {
            throw new ValidationException(path(field) + " has " + value.size() + " elements, more than the "
                    + FieldLimits.ARRAY_ELEMENTS + " allowed");
        }
        java.util.List<JsonFields> items = new java.util.ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new JsonFields(value.get(i), this, field, i));
        }
        return items;
    }

    /** A required text of at most {@link FieldLimits#TEXT} characters; numbers are accepted as their text. Blank is missing. */
    public String text(String field) {
        return text(field, FieldLimits.TEXT);
    }

    /** A required text of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null) {
            throw new ValidationException(path(field) + " is required, got " + describe(node.get(field)));
        }
        return value;
    }

    /** The trimmed text of a field of at most {@link FieldLimits#TEXT} characters, or null when absent, null or blank. */
    public String optionalText(String field) {
        return optionalText(field, FieldLimits.TEXT);
    }

    /** The trimmed text of a field, or null when absent, null or blank; longer than {@code maxLength} is refused. */
    public String optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new MappingException(path(field) + " must be a text or a number, got " + describe(value));
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            // the text may be a name or an address: its length is named, never the text
            throw new ValidationException(path(field) + " is " + text.length() + " characters long, more than the "
                    + maxLength + " allowed");
        }
        return text.isEmpty() ? null : text;
    }

    /** A boolean from JSON true/false or the texts true/false/yes/no/y/n/1/0 a store may send; null when absent. */
    public Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isValueNode()) {
            switch (value.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "y", "1" -> {
                    return true;
                }
                case "false", "no", "n", "0", "" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new MappingException(path(field) + " must be true or false, got " + describe(value));
    }

    /** A required id in its canonical form ({@link EntityIds}): {@code 10452}, {@code 10452.0} and {@code "10452"} are one id. */
    public String id(String field) {
        String value = optionalId(field);
        if (value == null) {
            throw new ValidationException(path(field) + " is required, got " + describe(node.get(field)));
        }
        return value;
    }

    /** An id in its canonical form, or null when absent, null or blank. */
    public String optionalId(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : EntityIds.canonical(value, path(field));
    }

    public BigDecimal decimal(String field) {
        BigDecimal value = optionalDecimal(field);
        if (value == null) {
            throw new ValidationException(path(field) + " is required, got " + describe(node.get(field)));
        }
        return value;
    }

    /** A decimal from a JSON number or a numeric string; null when absent. */
    public BigDecimal optionalDecimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.length() > FieldLimits.NUMBER_TEXT) {
                throw new ValidationException(path(field) + " is " + text.length() + " characters long, more than the "
                        + FieldLimits.NUMBER_TEXT + " a number may have");
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new MappingException(path(field) + " is not a number: " + Echo.quoted(text));
            }
        }
        throw new MappingException(path(field) + " must be a number, got " + describe(value));
    }

    /** An ISO-8601 date-time with offset ({@code 2026-11-20T08:15:44-06:00}) as a UTC instant. */
    public Instant instant(String field) {
        String text = text(field);
        try {
            return IsoDateTimes.toInstant(text);
        } catch (DateTimeParseException e) {
            throw new MappingException(path(field) + " is not an ISO-8601 date-time with offset: " + Echo.quoted(text));
        }
    }

    /** Unix seconds, as X-Cart sends them ({@code "added": 1763647391}). */
    public Instant epochSeconds(String field) {
        BigDecimal seconds = decimal(field);
        try {
            // the guard first: longValueExact of 1e-1000000000 would divide by a billion-digit power of ten
            Decimals.requireFits(seconds, 18, 0, () -> path(field));
            return Instant.ofEpochSecond(seconds.longValueExact());
        } catch (ArithmeticException | ValidationException | MappingException | java.time.DateTimeException e) {
            throw new MappingException(path(field) + " is not whole unix seconds: " + Echo.plain(seconds.toString()));
        }
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array of " + value.size();
        }
        if (value.isTextual()) {
            // may be personal data: its length only
            return "a text of " + value.asText().length() + " characters";
        }
        return Echo.plain(value.toString());
    }
}
