package dev.p21bridge.transformer.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.schemas.Source;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One webhook as the ingress stored it: the headers of docs/contract.md, section 'Topics' and the parsed body. */
public record RawEvent(Source source, String eventType, String eventId, Instant receivedAt, JsonNode body) {

    /** The storefronts by the {@code source} header's value (and the folder names of a mapping set's samples). */
    public static final Map<String, Source> STOREFRONTS = Map.of("xcart", Source.XCART, "clarity", Source.CLARITY);

    /** The lower-case source name used in keys: {@code xcart}, {@code clarity}. */
    public String sourceName() {
        return source.name().toLowerCase(Locale.ROOT);
    }

    public String orderKey(String orderId) {
        return sourceName() + ":" + orderId;
    }

    public JsonFields fields() {
        return JsonFields.root(body);
    }
}
