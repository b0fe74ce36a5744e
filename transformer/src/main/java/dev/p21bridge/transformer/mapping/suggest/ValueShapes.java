package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How well sample values fit a {@link ValueShape}, from 0 (refuted: an e-mail target never takes a field holding no
 * address) to 1. A null or absent sample says nothing and scores in between. The notes name the shape seen, never the
 * value: samples hold customers' personal data.
 */
final class ValueShapes {

    /** The fit and what was seen, for the evidence. */
    record Fit(double score, String note) {
    }

    /** Amounts before 2001-09-09 in epoch seconds, or in milliseconds before 2286, are no order dates. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    private static final long EPOCH_SECONDS_TO = 4_102_444_800L;
    private static final BigDecimal FLOAT_NOISE = new BigDecimal("1e-9");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_./:#-]{0,63}$");
    private static final Pattern PERSON = Pattern.compile("^[\\p{L}][\\p{L} .'-]{0,99}$");
    private static final Pattern REGION_CODE = Pattern.compile("^[A-Z0-9]{1,3}$");
    private static final Pattern POSTAL = Pattern.compile("^(?=.*\\d)[A-Za-z0-9][A-Za-z0-9 -]{1,9}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{7,24}$");
    private static final Set<String> CURRENCIES = currencies();
    private static final Set<String> COUNTRY_CODES = countryCodes();
    private static final Set<String> COUNTRY_NAMES = countryNames();

    private ValueShapes() {
    }

    /** The mean fit over the values (a line field has one per line); the note of the first value with one. */
    static Fit fit(ValueShape shape, List<JsonNode> values) {
        double sum = 0;
        String note = null;
        for (JsonNode value : values) {
            Fit fit = fit(shape, value);
            sum += fit.score();
            note = note == null ? fit.note() : note;
        }
        return new Fit(values.isEmpty() ? 0.5 : sum / values.size(), note);
    }

    static Fit fit(ValueShape shape, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || (value.isTextual() && value.asText().isBlank())) {
            return new Fit(0.5, "no sample value");
        }
        if (value.isContainerNode()) {
            return new Fit(0, "an object or array");
        }
        return switch (shape) {
            case ID -> id(value);
            case TEXT -> value.isTextual() ? new Fit(1, "text") : value.isNumber() ? new Fit(0.3, "a number")
                    : new Fit(0.1, "not text");
            case PERSON_NAME -> value.isTextual() && PERSON.matcher(value.asText().trim()).matches()
                    ? new Fit(1, "shape person's name") : new Fit(0.1, "not a person's name");
            case EMAIL -> value.isTextual() && EMAIL.matcher(value.asText().trim()).matches()
                    ? new Fit(1, "shape e-mail") : new Fit(0, "not an e-mail address");
            case DATE_TIME -> dateTime(value);
            case MONEY -> money(value);
            case QUANTITY -> quantity(value);
            case CURRENCY -> value.isTextual() && CURRENCIES.contains(value.asText().trim().toUpperCase(Locale.ROOT))
                    ? new Fit(1, "shape ISO 4217 currency code") : new Fit(0, "not a currency code");
            case COUNTRY -> country(value);
            case REGION -> value.isTextual() && REGION_CODE.matcher(value.asText().trim()).matches()
                    ? new Fit(1, "shape region code") : value.isTextual() ? new Fit(0.7, "a region name, not a code")
                    : new Fit(0.1, "not a region");
            case POSTAL_CODE -> postalCode(value);
            case PHONE -> value.isTextual() && PHONE.matcher(value.asText().trim()).matches()
                    ? new Fit(1, "shape phone number") : new Fit(0.3, "not a phone number");
        };
    }

    /** A number, or text that is one; empty otherwise. Float noise is not judged here: {@code $money} does. */
    static Optional<BigDecimal> decimal(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual() && NUMERIC.matcher(value.asText().trim()).matches()) {
            return Optional.of(new BigDecimal(value.asText().trim()));
        }
        return Optional.empty();
    }

    /** Whether the text is a date and time with a space for the {@code T} (Magento's {@code 2026-11-20 14:03:11}). */
    private static final java.util.regex.Pattern LOCAL_DATE_TIME =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    static boolean hasSpaceForT(JsonNode value) {
        return value != null && value.isTextual() && ISO_DATE_TIME.matcher(value.asText()).matches()
                && value.asText().charAt(10) == ' ';
    }

    /**
     * Whether the text is a date and time without an offset or {@code Z} (WooCommerce's {@code date_created_gmt},
     * Magento's {@code created_at}): it is read as UTC then, which the draft says.
     */
    static boolean lacksOffset(JsonNode value) {
        return value != null && value.isTextual() && LOCAL_DATE_TIME.matcher(value.asText().trim()).matches();
    }

    private static Fit id(JsonNode value) {
        if (value.isIntegralNumber()) {
            return new Fit(1, "shape integer id");
        }
        if (value.isTextual() && TOKEN.matcher(value.asText().trim()).matches()) {
            return new Fit(1, "shape id");
        }
        return value.isTextual() ? new Fit(0.3, "text with spaces") : new Fit(0.2, "not an id");
    }

    private static Fit dateTime(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (!ISO_DATE_TIME.matcher(text).matches()) {
                return new Fit(0, "not a date-time");
            }
            boolean offset = text.endsWith("Z") || text.matches(".*[+-]\\d{2}:?\\d{2}$");
            if (text.charAt(10) == ' ') {
                return new Fit(0.75, "date-time with a space for the T and no offset");
            }
            return offset ? new Fit(1, "shape ISO-8601 date-time") : new Fit(0.85, "ISO-8601 date-time without offset");
        }
        if (value.isIntegralNumber()) {
            long number = value.asLong();
            if (number >= EPOCH_SECONDS_FROM && number < EPOCH_SECONDS_TO) {
                return new Fit(0.8, "shape epoch seconds");
            }
            if (number >= EPOCH_SECONDS_FROM * 1000 && number < EPOCH_SECONDS_TO * 1000) {
                return new Fit(0.8, "shape epoch milliseconds");
            }
        }
        return new Fit(0, "not a date-time");
    }

    private static Fit money(JsonNode value) {
        Optional<BigDecimal> amount = decimal(value);
        if (amount.isEmpty()) {
            return new Fit(0, "not a number");
        }
        BigDecimal stripped = amount.get().stripTrailingZeros();
        // a double sum prints 18.200000000000003 for 18.20; $money reads that as 18.20, so it is no fifth decimal
        if (stripped.scale() > 4 && stripped.subtract(stripped.setScale(4, RoundingMode.HALF_UP)).abs()
                .compareTo(FLOAT_NOISE) > 0) {
            return new Fit(0.4, "more than 4 decimals");
        }
        if (amount.get().signum() < 0) {
            return new Fit(0.8, "shape negative money amount");
        }
        return new Fit(1, value.isTextual() ? "shape money amount as text" : "shape money amount");
    }

    private static Fit quantity(JsonNode value) {
        Optional<BigDecimal> amount = decimal(value);
        if (amount.isEmpty()) {
            return new Fit(0, "not a number");
        }
        if (amount.get().signum() <= 0) {
            return new Fit(0.3, "not positive");
        }
        boolean whole = amount.get().stripTrailingZeros().scale() <= 0;
        double score = (whole ? 1 : 0.8) * (value.isTextual() ? 0.9 : 1);
        return new Fit(score, whole ? "shape whole quantity" : "shape fractional quantity");
    }

    private static Fit country(JsonNode value) {
        if (!value.isTextual()) {
            return new Fit(0, "not a country");
        }
        String text = value.asText().trim().toUpperCase(Locale.ROOT);
        if (text.length() == 2 && COUNTRY_CODES.contains(text)) {
            return new Fit(1, "shape ISO 3166 alpha-2 code");
        }
        if (text.length() == 3 && COUNTRY_CODES.contains(text)) {
            return new Fit(0.9, "shape ISO 3166 alpha-3 code");
        }
        return COUNTRY_NAMES.contains(text) ? new Fit(0.8, "shape country name") : new Fit(0, "not a country");
    }

    private static Fit postalCode(JsonNode value) {
        if (value.isIntegralNumber()) {
            return new Fit(0.7, "a number (leading zeros would be lost)");
        }
        return value.isTextual() && POSTAL.matcher(value.asText().trim()).matches()
                ? new Fit(1, "shape postal code") : new Fit(0.2, "not a postal code");
    }

    private static Set<String> currencies() {
        Set<String> codes = new HashSet<>();
        Currency.getAvailableCurrencies().forEach(currency -> codes.add(currency.getCurrencyCode()));
        return Set.copyOf(codes);
    }

    private static Set<String> countryCodes() {
        Set<String> codes = new HashSet<>();
        for (String alpha2 : Locale.getISOCountries()) {
            codes.add(alpha2);
            codes.add(new Locale("", alpha2).getISO3Country());
        }
        return Set.copyOf(codes);
    }

    private static Set<String> countryNames() {
        Set<String> names = new HashSet<>();
        for (String alpha2 : Locale.getISOCountries()) {
            names.add(new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT));
        }
        names.add("UNITED STATES OF AMERICA");
        names.add("UK");
        return Set.copyOf(names);
    }
}
