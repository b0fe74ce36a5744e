package dev.p21bridge.platform.dlq;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why and where a record failed; becomes the {@code dlq.*} headers of its dead letter. Every service's dead letters
 * pass through here, so this is where their message is made safe to show: e-mail addresses masked as the logs mask
 * them (a target's refusal or an exception may quote one), control characters replaced, and the length bounded.
 */
public record DeadLetter(String originalTopic, int originalPartition, long originalOffset, String service,
                         ErrorClass errorClass, String message, int attempts, Instant failedAt) {

    /** A last bound: each service cuts its own messages tighter (the transformer at 1,000 characters). */
    public static final int MAX_MESSAGE_CHARS = 2_000;
    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null || message.isBlank() ? "no message given" : safe(message);
    }

    private static String safe(String message) {
        String bounded = message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) + "... (" + message.length() + " characters)"
                : message;
        return CONTROL.matcher(EMAIL.matcher(bounded).replaceAll("$1***@$2")).replaceAll(" ");
    }
}
