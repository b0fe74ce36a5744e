package dev.p21bridge.ingress;

import java.util.regex.Pattern;

/**
 * Text a sender chose (an event id, a key of its body), made safe to repeat in a log line or an error answer: cut to
 * {@link #MAX_CHARS} characters, so a sender cannot fill the logs or have its whole value mirrored back, and with
 * control characters replaced, so it cannot forge log lines. Values from the body are never repeated at all; they may
 * be personal data.
 */
final class SenderText {

    static final int MAX_CHARS = 64;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private SenderText() {
    }

    /** {@code text} cut and cleaned; {@code "<none>"} for {@code null}. */
    static String echoable(String text) {
        if (text == null) {
            return "<none>";
        }
        String cut = text;
        if (text.length() > MAX_CHARS) {
            // never half a surrogate pair
            int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            cut = text.substring(0, end) + "...";
        }
        return CONTROL.matcher(cut).replaceAll("?");
    }
}
