package dev.p21bridge.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP answer of P21, read whole: its status, its body as JSON ({@link MissingNode} when the body is not JSON)
 * and P21's own error message, whichever of P21's error envelopes carried it.
 */
record P21Answer(int status, JsonNode json, String text) {

    private static final int MAX_DETAIL = 500;

    static P21Answer read(Response response, ObjectMapper json) throws IOException {
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        JsonNode node;
        try {
            node = text.isBlank() ? MissingNode.getInstance() : json.readTree(text);
        } catch (IOException notJson) {
            node = MissingNode.getInstance();
        }
        return new P21Answer(response.code(), node == null ? MissingNode.getInstance() : node, text);
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
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return trimmed.length() > MAX_DETAIL ? trimmed.substring(0, MAX_DETAIL) + "..." : trimmed;
    }

    P21CallException failure() {
        return new P21CallException(status, detail());
    }
}
