package dev.p21bridge.platform.dlq;

import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/** One dead letter as an operator sees it, with where it sits in its dead-letter topic and whether it was replayed. */
public record DeadLetterEntry(String topic, int partition, long offset, String key, byte[] value, Headers headers,
                              String originalTopic, String service, String errorClass, String message, int attempts,
                              Instant failedAt, boolean replayed) {

    /** What an operator reads of a dead letter, as the CLI's {@code --json} and the admin API show it. */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("topic", topic);
        json.put("partition", partition);
        json.put("offset", offset);
        json.put("key", key);
        json.put("originalTopic", originalTopic);
        json.put("service", service);
        json.put("errorClass", errorClass);
        json.put("message", message);
        json.put("attempts", attempts);
        json.put("failedAt", failedAt == null ? null : failedAt.toString());
        json.put("replayed", replayed);
        return json;
    }

    /** The id under which a replay is remembered. */
    public String replayId() {
        return topic + ":" + partition + ":" + offset;
    }
}
