package dev.p21bridge.transformer.normalize;

import java.util.regex.Pattern;

/**
 * First and last name from one full-name field (Clarity's {@code fullName}).
 *
 * <p>The rule, documented in docs/architecture.md: the first word is the first name and everything after it is the last
 * name ({@code "María José Núñez Ortega"} gives {@code María} / {@code José Núñez Ortega}); a single word is a last
 * name with no first name. Keeping every later word in the last name keeps compound surnames (Spanish double surnames,
 * {@code van der Berg}) whole, which matters more to P21 contact search than compound given names.
 */
public record PersonName(String firstName, String lastName) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static PersonName split(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return new PersonName(null, null);
        }
        String[] words = WHITESPACE.split(fullName.trim(), 2);
        return words.length == 1 ? new PersonName(null, words[0]) : new PersonName(words[0], words[1]);
    }
}
