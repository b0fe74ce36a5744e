package dev.p21bridge.transformer.normalize;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** E-mail normalization: the canonical customer key, so {@code " MJ.Nunez@example.org"} and {@code mj.nunez@example.org} are one customer. */
public final class Emails {

    private static final Pattern WELL_FORMED = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {
    }

    /** Trimmed and lower-cased; a {@link ValidationException} naming {@code path} when it is not an address. */
    public static String normalize(String raw, String path) {
        return normalize(raw, () -> path);
    }

    /** As {@link #normalize(String, String)}, with the path built only for the error message. */
    public static String normalize(String raw, Supplier<String> path) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(path.get() + " is required, got nothing");
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (!WELL_FORMED.matcher(email).matches()) {
            // the value is personal data, so only its shape is named
            throw new ValidationException(path.get() + " is not a well-formed e-mail address (" + email.length() + " characters, "
                    + (email.contains("@") ? "no domain" : "no @") + ")");
        }
        return email;
    }
}
