package dev.p21bridge.p21;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A storefront name to P21 code table as an operator writes it in one setting, {@code 'Name=CODE,...'}: shipping
 * methods to carriers, payment terms to terms codes, payment methods to payment types. Names compare without case
 * and with runs of blanks as one, since two stores spell "UPS  ground" differently and mean one carrier.
 */
final class NamedCodes {

    private NamedCodes() {
    }

    /** The table with its names in the form {@link #codeOf} looks them up by; what the mappings keep. */
    static Map<String, String> normalized(Map<String, String> codes) {
        Map<String, String> byName = new LinkedHashMap<>();
        codes.forEach((name, code) -> byName.put(key(name), code));
        return Map.copyOf(byName);
    }

    /** The code of {@code name} in a {@link #normalized} table, or {@code otherwise} when it is not there or null. */
    static String codeOf(Map<String, String> normalized, String name, String otherwise) {
        return name == null ? otherwise : normalized.getOrDefault(key(name), otherwise);
    }

    /**
     * Parses {@code 'Name=CODE,...'}; {@code shape} names the form in messages (e.g. {@code Method=CARRIER}). An
     * empty text is an empty table only when {@code mayBeEmpty}.
     */
    static Map<String, String> parse(String text, String shape, boolean mayBeEmpty) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not '" + shape + "'");
            }
            String name = pair.substring(0, eq).strip();
            if (map.put(key(name), pair.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("'" + name + "' is named twice");
            }
        }
        if (map.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException("must name at least one '" + shape + "'");
        }
        return map;
    }

    private static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
