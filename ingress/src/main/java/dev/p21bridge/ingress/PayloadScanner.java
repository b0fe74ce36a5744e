package dev.p21bridge.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Checks that a body is one well-formed JSON object and picks its entity id from the top-level fields, in one
 * streaming pass that builds no tree: nested values are tokenised (so malformed JSON anywhere is still refused) but
 * never materialised. Jackson's default nesting and number limits protect against hostile bodies.
 */
final class PayloadScanner {

    /** The body is not one JSON object; {@link #rejection()} says which answer to give. */
    static final class MalformedPayloadException extends Exception {
        private final Rejection rejection;

        MalformedPayloadException(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        Rejection rejection() {
            return rejection;
        }
    }

    private final JsonFactory factory;

    PayloadScanner(JsonFactory factory) {
        this.factory = factory;
    }

    PayloadScanner() {
        this(new JsonFactory());
    }

    /**
     * The value of the first of {@code keyFields} that holds a non-blank string or a whole number at the top level
     * of {@code body} (a number as written, e.g. {@code 10452}), or {@code null} when none does.
     *
     * @throws MalformedPayloadException when the body is not JSON, or is JSON but not a single object
     */
    String entityId(byte[] body, List<String> keyFields) throws MalformedPayloadException {
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedPayloadException(Rejection.NOT_JSON);
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                throw new MalformedPayloadException(Rejection.NOT_JSON_OBJECT);
            }
            String found = null;
            int foundRank = keyFields.size();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int rank = foundRank == 0 ? -1 : keyFields.indexOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (rank >= 0 && rank < foundRank && isId(value, parser)) {
                    found = parser.getText();
                    foundRank = rank;
                } else {
                    parser.skipChildren();
                }
            }
            requireEnd(parser);
            return found;
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException(Rejection.NOT_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    private static boolean isId(JsonToken value, JsonParser parser) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING && !parser.getText().isBlank();
    }

    /** A second document after the object ({@code {} {}}) is not one JSON value either. */
    private static void requireEnd(JsonParser parser) throws IOException, MalformedPayloadException {
        if (parser.nextToken() != null) {
            throw new MalformedPayloadException(Rejection.NOT_JSON);
        }
    }
}
