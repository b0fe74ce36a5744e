package dev.p21bridge.platform.dlq;

import java.time.Instant;

/** Which dead letters an operator means: by error class, failure time and key; null means any. */
public record DeadLetterFilter(String errorClass, Instant since, String key) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null);

    public DeadLetterFilter {
        if (errorClass != null) {
            ErrorClass.fromLabel(errorClass);
        }
    }

    public boolean matches(DeadLetterEntry entry) {
        return (errorClass == null || errorClass.equals(entry.errorClass()))
                && (since == null || entry.failedAt() != null && !entry.failedAt().isBefore(since))
                && (key == null || key.equals(entry.key()));
    }
}
