package dev.p21bridge.app.console;

import dev.p21bridge.platform.dlq.DeadLetterEntry;
import java.time.Instant;

/**
 * One dead letter as the console's pages show it, e-mails masked.
 *
 * @param replayedAt when it was last replayed, or null while it waits
 */
public record DeadLetterRow(String service, int partition, long offset, String key, String originalTopic,
                            String errorClass, String message, int attempts, Instant failedAt, Instant replayedAt) {

    static DeadLetterRow of(String service, DeadLetterEntry entry, Instant replayedAt) {
        return new DeadLetterRow(service, entry.partition(), entry.offset(), PersonalText.masked(entry.key()),
                entry.originalTopic(), entry.errorClass(), PersonalText.masked(entry.message()), entry.attempts(),
                entry.failedAt(), entry.replayed() ? replayedAt : null);
    }

    /** What a form sends to pick this letter: partition and offset within its service's dead-letter topic. */
    public String id() {
        return partition + ":" + offset;
    }

    public String path() {
        return "/dead-letters/" + service + "/" + partition + "/" + offset;
    }

    public boolean replayed() {
        return replayedAt != null;
    }
}
