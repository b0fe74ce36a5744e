package dev.p21bridge.platform.dlq;

import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/** One dead letter as an operator sees it, with where it sits in its dead-letter topic and whether it was replayed. */
public record DeadLetterEntry(String topic, int partition, long offset, String key, byte[] value, Headers headers,
                              String originalTopic, String service, String errorClass, String message, int attempts,
                              Instant failedAt, boolean replayed) {

    /** The id under which a replay is remembered. */
    public String replayId() {
        return topic + ":" + partition + ":" + offset;
    }
}
