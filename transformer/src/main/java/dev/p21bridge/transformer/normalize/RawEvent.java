package dev.p21bridge.transformer.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.schemas.Source;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One webhook as the ingress stored it: the headers of docs/contract.md, section 'Topics' and the parsed body.
 *
 * @param store the store of {@code BRIDGE_STORES} it came from (header {@code store}; without one, the store named
 *              as the source, as every record was before stores): the prefix of its order keys
 */
public record RawEvent(Source source, String store, String eventType, String eventId, Instant receivedAt,
                       JsonNode body) {

    /** The storefronts by the {@code source} header's value (and the folder names of a mapping set's samples). */
    public static final Map<String, Source> STOREFRONTS = Map.of("xcart", Source.XCART, "clarity", Source.CLARITY);

    /** An event of the store named as its source ({@code xcart}, {@code clarity}). */
    public RawEvent(Source source, String eventType, String eventId, Instant receivedAt, JsonNode body) {
        this(source, source.name().toLowerCase(Locale.ROOT), eventType, eventId, receivedAt, body);
    }

    /** The lower-case source (platform) name: {@code xcart}, {@code clarity}; mapping templates are per source. */
    public String sourceName() {
        return source.name().toLowerCase(Locale.ROOT);
    }

    /** {@code <store>:<order id>} (CONTRACT section 10): the default stores keep {@code xcart:<id>}. */
    public String orderKey(String orderId) {
        return store + ":" + orderId;
    }

    public JsonFields fields() {
        return JsonFields.root(body);
    }
}
