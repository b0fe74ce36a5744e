package dev.p21bridge.platform.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How a storefront webhook body is read, by the ingress and by every later reader of the raw topics, so that a body
 * the ingress accepted means the same thing downstream (docs/limits.md). Jackson's defaults are generous (nesting
 * 500 levels deep, 20 MB strings, 1,000-digit numbers) and let a duplicated key through with the last value winning,
 * while a streaming reader that stops early sees the first: two readers, two answers. So:
 * <ul>
 *   <li>a key twice in one object is an error ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION});</li>
 *   <li>the limits below hold; a body that exceeds one is refused, never truncated;</li>
 *   <li>floats are read as {@link java.math.BigDecimal}, so {@link EntityId} sees a numeric id exactly as written.</li>
 * </ul>
 */
public final class WebhookJson {

    /** Objects and arrays nested deeper than this are refused; the sample payloads nest 3 deep. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Characters of one number, sign and exponent included; a price or id needs fewer than 30. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /**
     * Characters of one string value: the body limit of docs/contract.md, section 'Webhooks', so it never refuses a
     * body on its own.
     */
    public static final int MAX_STRING_LENGTH = 1_048_576;
    /** Characters of one key; the sample payloads' longest is 20. */
    public static final int MAX_NAME_LENGTH = 256;
    /** Bytes of one document: the body limit of docs/contract.md, section 'Webhooks'. */
    public static final long MAX_DOCUMENT_LENGTH = 1_048_576;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookJson() {
    }

    /** A factory with these rules, for streaming readers; thread-safe and shared. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** A mapper with these rules, for tree readers; thread-safe and shared, so it must not be reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
