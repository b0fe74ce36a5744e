package dev.p21bridge.transformer;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.Echo;
import dev.p21bridge.transformer.normalize.FieldLimits;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads a raw record (docs/contract.md, section 'Topics': headers {@code event-type}, {@code event-id}, {@code source},
 * {@code received-at}; value a JSON object) into a {@link RawEvent}. Numbers are read as {@code BigDecimal}, never
 * through a double. Anything missing or unreadable is a {@link MappingException} naming it.
 *
 * <p>The parser is bounded ({@link #CONSTRAINTS}): a body past a limit is refused while it is read, before a deep
 * nesting can overflow a stack or a thousand-digit number can cost quadratic time. A key given twice is refused
 * ({@code validation}, naming the key): the ingress and the transformer would otherwise each pick one of the two
 * values, and the same order could get two keys.
 */
final class RawEventParser {

    /** The limits of {@code docs/limits-transformer.md}. */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(64)
            .maxStringLength(1_048_576)
            .maxNameLength(256)
            .maxDocumentLength(DeadLetterRecords.MAX_BYTES)
            .maxTokenCount(200_000)
            .build();

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            // a parse error quotes at most this much of the body, which may hold personal data
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(Echo.MAX_CHARS).maxRawContentLength(Echo.MAX_CHARS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String DUPLICATE = "Duplicate field '";

    private RawEventParser() {
    }

    /** A record of a source without stores (P21): a {@code store} header is not read. */
    static RawEvent parse(Record<String, byte[]> record, Map<String, Source> sources) {
        return parse(record, sources, null);
    }

    /**
     * @param sources the {@code source} header values this topic may carry, and the source each stands for
     * @param stores  the stores of {@code BRIDGE_STORES} and their sources; a {@code store} header must name one of
     *                the record's source, a record without one is of the store named as its source
     */
    static RawEvent parse(Record<String, byte[]> record, Map<String, Source> sources, Map<String, Source> stores) {
        String sourceHeader = header(record.headers(), "source");
        Source source = sourceHeader == null ? null : sources.get(sourceHeader);
        if (source == null) {
            throw new MappingException("header source must be " + String.join(" or ", sources.keySet().stream().sorted().toList())
                    + ", got " + Echo.quoted(sourceHeader));
        }
        String storeHeader = stores == null ? null : header(record.headers(), "store");
        String store = storeHeader != null ? storeHeader : sourceHeader;
        if (stores != null && stores.get(store) != source) {
            String known = String.join(", ", stores.entrySet().stream().filter(entry -> entry.getValue() == source)
                    .map(Map.Entry::getKey).sorted().toList());
            throw new MappingException((storeHeader != null ? "header store names " + Echo.quoted(store)
                    : "the record has no store header, so it is of the store " + Echo.quoted(store))
                    + ", which is not " + (known.isEmpty() ? "a store" : "one of the " + sourceHeader + " stores ("
                    + known + ")") + " of BRIDGE_STORES; add the store there and replay the dead letter");
        }
        String eventType = header(record.headers(), "event-type");
        String eventId = header(record.headers(), "event-id");
        if (eventType == null || eventId == null) {
            throw new MappingException("headers event-type and event-id are required, got " + Echo.quoted(eventType)
                    + " and " + Echo.quoted(eventId));
        }
        if (eventType.length() > FieldLimits.HEADER || eventId.length() > FieldLimits.HEADER) {
            throw new ValidationException("headers event-type and event-id may have " + FieldLimits.HEADER
                    + " characters, got " + eventType.length() + " and " + eventId.length());
        }
        JsonNode body;
        try {
            body = record.value() == null ? null : JSON.readTree(record.value());
        } catch (StreamConstraintsException e) {
            throw new ValidationException("body exceeds a limit of the transformer: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.startsWith(DUPLICATE)) {
                String key = reason.substring(DUPLICATE.length(), Math.max(DUPLICATE.length(), reason.lastIndexOf('\'')));
                throw new ValidationException("body names the key " + Echo.quoted(key) + " twice in one object;"
                        + " which one counts is ambiguous, so the event is refused");
            }
            throw new MappingException("body is not JSON: " + reason);
        } catch (IOException e) {
            throw new MappingException("body cannot be read: " + e.getClass().getSimpleName());
        }
        if (body == null || !body.isObject()) {
            throw new MappingException("body must be a JSON object, got " + (body == null ? "nothing" : body.getNodeType()));
        }
        return new RawEvent(source, store, eventType, eventId, receivedAt(record), body);
    }

    private static Instant receivedAt(Record<String, byte[]> record) {
        String header = header(record.headers(), "received-at");
        if (header != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(header));
            } catch (NumberFormatException e) {
                throw new MappingException("header received-at must be epoch millis, got " + Echo.quoted(header));
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
