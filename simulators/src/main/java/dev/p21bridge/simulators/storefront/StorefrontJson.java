package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings both storefronts share: money as plain decimals (never {@code 1E+2}), times as ISO-8601 text.
 * The mapper is thread-safe once built.
 */
public final class StorefrontJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private StorefrontJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
