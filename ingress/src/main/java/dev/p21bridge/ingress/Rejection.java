package dev.p21bridge.ingress;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.p21bridge.platform.webhook.EntityId;
import dev.p21bridge.platform.webhook.WebhookJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Why a webhook was not accepted, with the HTTP status of docs/contract.md, section 'Webhooks'. Bad input is always
 * 4xx, so a storefront does not retry it; only {@link #KAFKA_UNAVAILABLE} is 5xx, which a storefront retries later.
 * {@link #reason()} is the {@code reason} tag of the rejection counter and appears in the log line.
 */
public enum Rejection implements WebhookVerdict {
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Content-Type must be application/json"),
    TOO_LARGE(413, "too-large", "body exceeds 1 MiB"),
    BODY_INCOMPLETE(400, "body-incomplete", "body ended before its declared length"),
    BODY_TIMEOUT(408, "body-timeout", "body not received within the body timeout; the connection is closed"),
    SIGNATURE_MISSING(401, "signature-missing", "X-Webhook-Signature header missing"),
    SIGNATURE_MALFORMED(401, "signature-malformed",
            "X-Webhook-Signature malformed, expected t=<unix seconds>,v1=<hex HMAC-SHA256>"),
    SIGNATURE_EXPIRED(401, "signature-expired", "signature timestamp too far from now"),
    SIGNATURE_MISMATCH(401, "signature-mismatch", "signature does not match the body"),
    MISSING_ID(400, "missing-id", "X-Webhook-Id header missing"),
    MISSING_EVENT(400, "missing-event", "X-Webhook-Event header missing"),
    UNKNOWN_EVENT(400, "unknown-event", "unknown X-Webhook-Event; known: " + Arrays.stream(WebhookEvent.values())
            .map(WebhookEvent::type).collect(Collectors.joining(", "))),
    NOT_JSON(400, "not-json", "body is not valid JSON"),
    NOT_JSON_OBJECT(400, "not-json-object", "body must be a JSON object"),
    NOT_UTF8(400, "not-utf8", "body must be JSON encoded as UTF-8, without a byte order mark"),
    TOO_DEEP(400, "too-deep", "body nests objects and arrays deeper than " + WebhookJson.MAX_NESTING_DEPTH
            + " levels"),
    NUMBER_TOO_LONG(400, "number-too-long", "body has a number longer than " + WebhookJson.MAX_NUMBER_LENGTH
            + " characters"),
    STRING_TOO_LONG(400, "string-too-long", "body has a string longer than " + WebhookJson.MAX_STRING_LENGTH
            + " characters"),
    NAME_TOO_LONG(400, "name-too-long", "body has a key longer than " + WebhookJson.MAX_NAME_LENGTH
            + " characters"),
    DUPLICATE_KEY(400, "duplicate-key", "body has a key twice in one object"),
    INVALID_ID(400, "invalid-id", "entity id must be a non-blank string of at most " + EntityId.MAX_LENGTH
            + " characters or a whole number within a 64-bit integer"),
    KAFKA_UNAVAILABLE(503, "kafka-unavailable", "Kafka did not acknowledge the event in time; retry later");

    private final int status;
    private final String reason;
    private final String message;
    private final byte[] body;

    Rejection(int status, String reason, String message) {
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.body = ("{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** The answer body {@code {"error": "..."}}, built once; callers must not change it. */
    byte[] body() {
        return body;
    }
}
