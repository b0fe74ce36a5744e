package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.http.AnswerBody;
import dev.p21bridge.platform.retry.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP answer of a storefront, read whole: its status, its body as JSON ({@link MissingNode} when not JSON), the
 * storefront's own error message (X-Cart's {@code {"message"}}, Clarity's {@code {"Messages": [...]}}) and its
 * {@code Retry-After} (seconds or an HTTP date).
 */
public record StorefrontAnswer(int status, JsonNode json, String text, Duration retryAfter) {

    static StorefrontAnswer read(Response response, ObjectMapper mapper, Instant now) throws IOException {
        ResponseBody body = response.body();
        AnswerBody answer = AnswerBody.parse(body == null ? "" : body.string(), mapper);
        return new StorefrontAnswer(response.code(), answer.json(), answer.text(),
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
        return new AnswerBody(json, text).excerpt(status);
    }

    StorefrontCallException failure(Storefront storefront) {
        return new StorefrontCallException(storefront, status, detail(), retryAfter);
    }

    /** Seconds or an HTTP-date ({@link RetryAfter}); null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        return RetryAfter.parse(header, now).orElse(null);
    }
}
