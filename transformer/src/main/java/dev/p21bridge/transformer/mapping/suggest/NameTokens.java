package dev.p21bridge.transformer.mapping.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A field name as lower-case words, so that {@code shippingAddress}, {@code shipping_address}, {@code shipping-address}
 * and {@code ShippingAddress} are one name, {@code address1} is {@code address 1} and {@code ISOCode} is
 * {@code iso code}. Storefronts differ more in how they spell a name than in the words they choose.
 */
record NameTokens(List<String> words) {

    NameTokens {
        words = List.copyOf(words);
    }

    static NameTokens of(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && startsWord(name, i)) {
                flush(word, words);
            }
            word.append(c);
        }
        flush(word, words);
        return new NameTokens(words);
    }

    /** The words run together: {@code zip code} and {@code zipcode} are the same name. */
    String joined() {
        return String.join("", words);
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }

    /** Whether the letter at {@code i} begins a new word: a case change, or a change between letters and digits. */
    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        char c = name.charAt(i);
        if (Character.isDigit(previous) != Character.isDigit(c)) {
            return true;
        }
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
            return true;
        }
        // the last capital of a run that a lower-case letter follows starts a word: ISOCode is ISO Code
        return Character.isUpperCase(c) && Character.isUpperCase(previous) && i + 1 < name.length()
                && Character.isLowerCase(name.charAt(i + 1));
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }
}
