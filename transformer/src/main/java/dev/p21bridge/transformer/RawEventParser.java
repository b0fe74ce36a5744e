package dev.p21bridge.transformer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.RawEvent;
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
 */
final class RawEventParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RawEventParser() {
    }

    /** @param sources the {@code source} header values this topic may carry, and the source each stands for */
    static RawEvent parse(Record<String, byte[]> record, Map<String, Source> sources) {
        String sourceHeader = header(record.headers(), "source");
        Source source = sourceHeader == null ? null : sources.get(sourceHeader);
        if (source == null) {
            throw new MappingException("header source must be " + String.join(" or ", sources.keySet().stream().sorted().toList())
                    + ", got '" + sourceHeader + "'");
        }
        String eventType = header(record.headers(), "event-type");
        String eventId = header(record.headers(), "event-id");
        if (eventType == null || eventId == null) {
            throw new MappingException("headers event-type and event-id are required, got " + eventType + " and " + eventId);
        }
        JsonNode body;
        try {
            body = record.value() == null ? null : JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new MappingException("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MappingException("body cannot be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new MappingException("body must be a JSON object, got " + (body == null ? "nothing" : body.getNodeType()));
        }
        return new RawEvent(source, eventType, eventId, receivedAt(record), body);
    }

    private static Instant receivedAt(Record<String, byte[]> record) {
        String header = header(record.headers(), "received-at");
        if (header != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(header));
            } catch (NumberFormatException e) {
                throw new MappingException("header received-at must be epoch millis, got '" + header + "'");
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
