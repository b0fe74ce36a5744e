package dev.p21bridge.transformer.normalize;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * E-mail normalization: the canonical customer key, so {@code " MJ.Nunez@example.org"} and {@code mj.nunez@example.org}
 * are one customer.
 *
 * <p>Only printable ASCII is accepted. The address is the key of a P21 customer account, and lower-casing or NFKC
 * turns look-alikes into plain letters: {@code jac\u212Ak@example.com} (U+212A KELVIN SIGN) lower-cases to
 * {@code jack@example.com}, so a buyer able to type one could put orders on another buyer's account. NFKC with a
 * refusal of whatever changes would still let Cyrillic {@code а} stand for Latin {@code a}, which no normalization
 * folds; refusing non-ASCII closes the whole class. Internationalized addresses are rare in B2B and become
 * {@code validation} dead letters an operator can look at.
 */
public final class Emails {

    private static final Pattern WELL_FORMED = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Printable ASCII; a space is refused as malformed further on. */
    private static final Pattern ASCII = Pattern.compile("^[\\x20-\\x7E]+$");

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
        String trimmed = raw.trim();
        if (trimmed.length() > FieldLimits.EMAIL) {
            throw new ValidationException(path.get() + " is " + trimmed.length() + " characters long, more than the "
                    + FieldLimits.EMAIL + " an e-mail address may have");
        }
        if (!ASCII.matcher(trimmed).matches()) {
            // the value is personal data: only the first offending character is named, by its code point
            int offending = trimmed.codePoints().filter(c -> c < 0x20 || c > 0x7E).findFirst().orElse('?');
            throw new ValidationException(path.get() + " holds a character outside printable ASCII (U+"
                    + String.format("%04X", offending) + "); such addresses are refused, since look-alike letters could"
                    + " match another customer's address");
        }
        String email = trimmed.toLowerCase(Locale.ROOT);
        if (!WELL_FORMED.matcher(email).matches()) {
            // the value is personal data, so only its shape is named
            throw new ValidationException(path.get() + " is not a well-formed e-mail address (" + email.length() + " characters, "
                    + (email.contains("@") ? "no domain" : "no @") + ")");
        }
        return email;
    }
}
