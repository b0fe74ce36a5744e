package dev.p21bridge.transformer.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Country codes to ISO 3166-1 alpha-2. Storefronts send alpha-2 ({@code US}), alpha-3 ({@code USA}) or, now and
 * then, the English name; P21 and the canonical records want alpha-2.
 */
public final class CountryCodes {

    private static final Map<String, String> TO_ALPHA2 = build();

    private CountryCodes() {
    }

    /** The alpha-2 code; a {@link MappingException} naming {@code path} when the value is no country. */
    public static String toAlpha2(String value, String path) {
        return toAlpha2(value, () -> path);
    }

    /** As {@link #toAlpha2(String, String)}, with the path built only for the error message. */
    public static String toAlpha2(String value, Supplier<String> path) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(path.get() + " is required, got nothing");
        }
        String code = TO_ALPHA2.get(value.trim().toUpperCase(Locale.ROOT));
        if (code == null) {
            throw new MappingException(path.get() + " is not an ISO 3166 country code or name: " + Echo.quoted(value.trim()));
        }
        return code;
    }

    private static Map<String, String> build() {
        Map<String, String> codes = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale locale = new Locale("", alpha2);
            codes.put(alpha2, alpha2);
            codes.put(locale.getISO3Country(), alpha2);
            codes.put(locale.getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), alpha2);
        }
        codes.put("UNITED STATES OF AMERICA", "US");
        codes.put("UK", "GB");
        return Map.copyOf(codes);
    }
}
