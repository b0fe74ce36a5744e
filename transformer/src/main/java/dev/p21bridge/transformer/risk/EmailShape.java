package dev.p21bridge.transformer.risk;

import java.util.Locale;

/**
 * What an e-mail address looks like, for the e-mail signals: its domain, whether its local part looks machine-made
 * (letters and digits mixed at random, long consonant runs: {@code x7kq2vz9p}) rather than chosen by a person
 * ({@code jsmith42}, {@code maria.lopez}), and whether it has anything of the buyer's name in it.
 */
final class EmailShape {

    private static final String VOWELS = "aeiouy";

    private EmailShape() {
    }

    /** The domain, lower case; empty when there is no {@code @}. */
    static String domain(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The local part without a {@code +tag}, lower case. */
    static String local(String email) {
        int at = email.lastIndexOf('@');
        String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    /**
     * Whether the local part looks random: at least 8 letters and digits, and letters and digits alternate three times
     * or more, or five consonants or more run together. People's own addresses put digits at the end (a year, a
     * number) and vowels between consonants.
     */
    static boolean looksRandom(String email) {
        String local = local(email);
        int alphanumerics = 0;
        int switches = 0;
        int consonantRun = 0;
        int longestRun = 0;
        int previous = 0; // 1 letter, 2 digit
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            int kind = Character.isLetter(c) ? 1 : Character.isDigit(c) ? 2 : 0;
            if (kind == 0) {
                consonantRun = 0;
                continue;
            }
            alphanumerics++;
            if (previous != 0 && kind != previous) {
                switches++;
            }
            previous = kind;
            if (kind == 1 && VOWELS.indexOf(c) < 0) {
                longestRun = Math.max(longestRun, ++consonantRun);
            } else {
                consonantRun = 0;
            }
        }
        return alphanumerics >= 8 && (switches >= 3 || longestRun >= 5);
    }

    /**
     * Whether neither the first nor the last name (3 letters or more) is in the local part; false when a name is
     * missing. Weak on its own (role addresses such as {@code purchasing@} have no name), so its points are few.
     */
    static boolean lacksName(String email, String firstName, String lastName) {
        String first = letters(firstName);
        String last = letters(lastName);
        if (first.length() < 3 || last.length() < 3) {
            return false;
        }
        String local = letters(local(email));
        return !local.contains(first) && !local.contains(last)
                && !local.contains(first.substring(0, 3)) && !local.contains(last.substring(0, 3));
    }

    private static String letters(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder letters = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        return letters.toString();
    }
}
