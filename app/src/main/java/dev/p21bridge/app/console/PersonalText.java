package dev.p21bridge.app.console;

import dev.p21bridge.platform.logging.PersonalData;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text the console shows that may hold e-mail addresses (dead letters' keys, messages, headers and bodies): every
 * address becomes {@code j***@example.com}, as in the logs ({@link PersonalData#maskEmail}). The domain helps
 * support; the person stays hidden on a screen others may see.
 */
public final class PersonalText {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private PersonalText() {
    }

    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(PersonalData.maskEmail(matcher.group())));
        }
        return matcher.appendTail(out).toString();
    }
}
