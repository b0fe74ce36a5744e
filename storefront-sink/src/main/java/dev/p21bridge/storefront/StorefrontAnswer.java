package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP answer of a storefront, read whole: its status, its body as JSON ({@link MissingNode} when not JSON), the
 * storefront's own error message (X-Cart's {@code {"message"}}, Clarity's {@code {"Messages": [...]}}) and its
 * {@code Retry-After} (seconds or an HTTP date).
 */
public record StorefrontAnswer(int status, JsonNode json, String text, Duration retryAfter) {

    private static final int MAX_DETAIL = 500;

    static StorefrontAnswer read(Response response, ObjectMapper mapper, Instant now) throws IOException {
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        JsonNode node;
        try {
            node = text.isBlank() ? MissingNode.getInstance() : mapper.readTree(text);
        } catch (IOException notJson) {
            node = MissingNode.getInstance();
        }
        return new StorefrontAnswer(response.code(), node == null ? MissingNode.getInstance() : node, text,
                retryAfter(response.header("Retry-After"), now));
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The storefront's message; else the start of the body. */
    public String detail() {
        JsonNode messages = json.path("Messages");
        if (messages.isArray() && !messages.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            messages.forEach(m -> joined.append(joined.length() == 0 ? "" : "; ").append(m.asText()));
            return joined.toString();
        }
        for (String field : new String[] {"message", "detail", "hydra:description", "error"}) {
            if (json.path(field).isTextual()) {
                return json.path(field).asText();
            }
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return trimmed.length() > MAX_DETAIL ? trimmed.substring(0, MAX_DETAIL) + "..." : trimmed;
    }

    StorefrontCallException failure(Storefront storefront) {
        return new StorefrontCallException(storefront, status, detail(), retryAfter);
    }

    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
