package dev.p21bridge.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * The body of a target's HTTP answer, read once: its text and, when it is JSON, its tree. P21 and the storefronts
 * answer errors in JSON, HTML or nothing, so parsing never fails; {@link #excerpt} is what an operator sees of a body
 * whose message the caller could not find.
 */
public record AnswerBody(JsonNode json, String text) {

    /** The longest excerpt of a body in a message: a full HTML error page helps no one in a dead letter. */
    public static final int MAX_EXCERPT = 500;

    public static AnswerBody parse(String text, ObjectMapper mapper) {
        String body = text == null ? "" : text;
        JsonNode node;
        try {
            node = body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException notJson) {
            node = null;
        }
        return new AnswerBody(node == null ? MissingNode.getInstance() : node, body);
    }

    /** The start of the body, or that it was empty. */
    public String excerpt(int status) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return trimmed.length() > MAX_EXCERPT ? trimmed.substring(0, MAX_EXCERPT) + "..." : trimmed;
    }
}
