package dev.p21bridge.ingress;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Rejection} with a detail the sender can act on: which key appears twice, which id field is wrong, where
 * the JSON breaks. The detail never carries a value from the body, and a key from it only cut short
 * ({@link SenderText}).
 */
public record Refusal(Rejection rejection, String detail) implements WebhookVerdict {

    /** The answer body {@code {"error": "<message>: <detail>"}}. */
    byte[] body() {
        String error = rejection.message() + ": " + detail;
        return ("{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(error)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The rejection alone when there is no detail, so callers compare verdicts as before. */
    static WebhookVerdict of(Rejection rejection, String detail) {
        return detail == null ? rejection : new Refusal(rejection, detail);
    }
}
