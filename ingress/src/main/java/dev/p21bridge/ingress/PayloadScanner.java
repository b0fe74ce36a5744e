package dev.p21bridge.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.p21bridge.platform.webhook.EntityId;
import dev.p21bridge.platform.webhook.WebhookJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks that a body is one well-formed JSON object in UTF-8 and picks its entity id from the top-level fields, in
 * one streaming pass that builds no tree: nested values are tokenised (so malformed JSON anywhere is still refused)
 * but never materialised. The JSON rules and limits are {@link WebhookJson}'s and the id rule is {@link EntityId}'s,
 * the same ones the transformer reads with, so a body accepted here means the same thing there.
 *
 * <p>Every way a body can be wrong ends in {@link MalformedPayloadException}, a 400: reading a byte array cannot
 * fail for any other reason, so no exception of the parser may become a 500 (a UTF-32 body once did).
 */
final class PayloadScanner {

    /** The body is not one acceptable JSON object; {@link #rejection()} says which answer to give. */
    static final class MalformedPayloadException extends Exception {
        private final Rejection rejection;
        private final String detail;

        MalformedPayloadException(Rejection rejection) {
            this(rejection, null);
        }

        MalformedPayloadException(Rejection rejection, String detail) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
            this.detail = detail;
        }

        Rejection rejection() {
            return rejection;
        }

        /** Where or which (a key, a field, a position), safe to show the sender; {@code null} when nothing adds. */
        String detail() {
            return detail;
        }
    }

    private static final int DECODE_CHUNK = 4_096;

    private final JsonFactory factory;

    PayloadScanner(JsonFactory factory) {
        this.factory = factory;
    }

    PayloadScanner() {
        this(WebhookJson.factory());
    }

    /**
     * The entity id ({@link EntityId}) of the first of {@code keyFields} that holds a non-blank string or a number at
     * the top level of {@code body}, or {@code null} when none does.
     *
     * @throws MalformedPayloadException when the body is not UTF-8, not JSON, not a single object, exceeds a limit of
     *                                   {@link WebhookJson}, has a key twice, or its id is not a valid id
     */
    String entityId(byte[] body, List<String> keyFields) throws MalformedPayloadException {
        requireUtf8(body);
        try (JsonParser parser = factory.createParser(body)) {
            try {
                return scan(parser, keyFields);
            } catch (StreamConstraintsException e) {
                throw new MalformedPayloadException(exceeded(e), at(e.getLocation()));
            } catch (JsonProcessingException e) {
                if (isDuplicateKey(e)) {
                    throw new MalformedPayloadException(Rejection.DUPLICATE_KEY, "\"" + SenderText.echoable(parser.currentName())
                            + "\"");
                }
                throw new MalformedPayloadException(Rejection.NOT_JSON, at(e.getLocation()));
            }
        } catch (IOException e) {
            // CharConversionException and kin: after requireUtf8 not expected, but bad bytes are the sender's fault
            throw new MalformedPayloadException(Rejection.NOT_JSON);
        }
    }

    private static String scan(JsonParser parser, List<String> keyFields)
            throws IOException, MalformedPayloadException {
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
            String name = parser.currentName();
            int rank = foundRank == 0 ? -1 : keyFields.indexOf(name);
            parser.nextToken();
            String id = rank >= 0 && rank < foundRank ? id(parser, name) : null;
            if (id != null) {
                found = id;
                foundRank = rank;
            } else {
                parser.skipChildren();
            }
        }
        requireEnd(parser);
        return found;
    }

    private static String id(JsonParser parser, String field) throws IOException, MalformedPayloadException {
        try {
            return EntityId.fromToken(parser);
        } catch (EntityId.InvalidEntityIdException e) {
            // the field is one of ours (a key field), never the sender's value
            throw new MalformedPayloadException(Rejection.INVALID_ID, "field \"" + field + "\": " + e.getMessage());
        }
    }

    /** A second document after the object ({@code {} {}}) is not one JSON value either. */
    private static void requireEnd(JsonParser parser) throws IOException, MalformedPayloadException {
        if (parser.nextToken() != null) {
            throw new MalformedPayloadException(Rejection.NOT_JSON, at(parser.currentTokenLocation()));
        }
    }

    /**
     * RFC 8259 section 8.1: JSON exchanged between systems is UTF-8, without a byte order mark. Jackson instead
     * guesses UTF-16 or UTF-32 from zero bytes or a BOM, and checks UTF-8 only partly in values it skips (it lets an
     * overlong or surrogate sequence through), so a body the ingress passed could read differently elsewhere. Java's
     * decoder refuses every malformed sequence; it runs in chunks, so no copy of the body is made.
     */
    static void requireUtf8(byte[] body) throws MalformedPayloadException {
        int head = Math.min(body.length, 4);
        for (int i = 0; i < head; i++) {
            if (body[i] == 0) {
                throw new MalformedPayloadException(Rejection.NOT_UTF8);
            }
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                || body.length >= 2 && ((body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF)) {
            throw new MalformedPayloadException(Rejection.NOT_UTF8, "byte order mark");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(DECODE_CHUNK);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new MalformedPayloadException(Rejection.NOT_UTF8, "at byte " + in.position());
            }
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        if (decoder.flush(out).isError()) {
            throw new MalformedPayloadException(Rejection.NOT_UTF8, "at byte " + in.position());
        }
    }

    /** Which of {@link WebhookJson}'s limits the body broke; Jackson says so only in its message. */
    private static Rejection exceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("getMaxNestingDepth")) {
            return Rejection.TOO_DEEP;
        }
        if (message.contains("getMaxNumberLength")) {
            return Rejection.NUMBER_TOO_LONG;
        }
        if (message.contains("getMaxStringLength")) {
            return Rejection.STRING_TOO_LONG;
        }
        if (message.contains("getMaxNameLength")) {
            return Rejection.NAME_TOO_LONG;
        }
        return Rejection.NOT_JSON;
    }

    private static boolean isDuplicateKey(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.startsWith("Duplicate field") || message.startsWith("Duplicate Object property");
    }

    /** A position, never content: Jackson's own messages quote the body, which may hold personal data. */
    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return null;
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
