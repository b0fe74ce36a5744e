package dev.p21bridge.platform.dlq;

import java.time.Instant;
import java.util.Objects;

/** Why and where a record failed; becomes the {@code dlq.*} headers of its dead letter. */
public record DeadLetter(String originalTopic, int originalPartition, long originalOffset, String service,
                         ErrorClass errorClass, String message, int attempts, Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null || message.isBlank() ? "no message given" : message;
    }
}
