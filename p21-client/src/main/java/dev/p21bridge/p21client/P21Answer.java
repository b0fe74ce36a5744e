package dev.p21bridge.p21client;

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
 * One HTTP answer of P21, read whole: its status, its body as JSON ({@link MissingNode} when the body is not JSON)
 * and P21's own error message, whichever of P21's error envelopes carried it, and its {@code Retry-After} (zero when
 * absent or unreadable).
 */
record P21Answer(int status, JsonNode json, String text, Duration retryAfter) {

    static P21Answer read(Response response, ObjectMapper json) throws IOException {
        ResponseBody body = response.body();
        AnswerBody answer = AnswerBody.parse(body == null ? "" : body.string(), json);
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), Instant.now()).orElse(Duration.ZERO);
        return new P21Answer(response.code(), answer.json(), answer.text(), retryAfter);
    }

    boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /**
     * P21's message from {@code {"error":{"message"}}}, {@code {"error","error_description"}},
     * {@code {"ErrorMessage"}} or {@code {"Message"}}; else the start of the body.
     */
    String detail() {
        JsonNode error = json.path("error");
        if (error.isObject() && error.path("message").isTextual()) {
            return error.path("message").asText();
        }
        if (json.path("error_description").isTextual()) {
            return json.path("error_description").asText();
        }
        if (error.isTextual()) {
            return error.asText();
        }
        for (String field : new String[] {"ErrorMessage", "Message", "message"}) {
            if (json.path(field).isTextual()) {
                return json.path(field).asText();
            }
        }
        return new AnswerBody(json, text).excerpt(status);
    }

    P21CallException failure() {
        return new P21CallException(status, detail(), retryAfter);
    }
}
