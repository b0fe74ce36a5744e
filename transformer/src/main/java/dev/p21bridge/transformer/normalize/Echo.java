package dev.p21bridge.transformer.normalize;

/**
 * A user-supplied value as an error message may quote it: at most {@link #MAX_CHARS} characters, with the full
 * length named when it was cut. A dead letter's message is a header; echoing a 600 KB field in full made the dead
 * letter too large to send, and the stream thread died on it again at every restart.
 *
 * <p>Only for values that are not personal data (codes, SKUs, numbers, dates); names, addresses and e-mails are
 * described by {@code PersonalData} or by their shape, never quoted.
 */
public final class Echo {

    /** How much of a value a message quotes. */
    public static final int MAX_CHARS = 64;

    private Echo() {
    }

    /** {@code 'XYZ'}, or {@code 'XYZXYZ...' (600000 characters)} when longer than {@link #MAX_CHARS}. */
    public static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        if (value.length() <= MAX_CHARS) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, cutAt(value)) + "...' (" + value.length() + " characters)";
    }

    /** As {@link #quoted}, without the quotes: for numbers and JSON fragments. */
    public static String plain(String value) {
        if (value == null) {
            return "nothing";
        }
        if (value.length() <= MAX_CHARS) {
            return value;
        }
        return value.substring(0, cutAt(value)) + "... (" + value.length() + " characters)";
    }

    /** Never between the two halves of a surrogate pair. */
    private static int cutAt(String value) {
        return Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
    }
}
