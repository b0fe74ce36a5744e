package dev.p21bridge.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21.OrderMapping;
import dev.p21bridge.p21.P21OrderMapper;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.mapping.CompiledMappingSet;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.TemplateMapper;
import dev.p21bridge.transformer.normalize.RawEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a mapping set makes of one payload, without Kafka: the canonical record or why it is not valid, the rules that
 * fired, and for an order the P21 transaction the p21-sink would send (the customer id is resolved when it writes).
 * {@code ./bridge mapping preview} prints it; the console answers it at {@code POST /api/mappings/preview}.
 */
public final class MappingPreview {

    /** The event types a preview takes. */
    static final List<String> EVENTS = List.of("order.created", "order.updated", "customer.created",
            "customer.updated", "payment.captured", "return.created");

    /**
     * @param valid      whether the payload maps to a valid record (or, for a payment, to nothing: no money moved)
     * @param record     the canonical record as JSON; null when not valid or nothing
     * @param p21Request the sales order transaction for an order; null otherwise
     * @param problem    why it is not valid: the dead letter's reason
     */
    public record Result(boolean valid, int mappingVersion, String eventType, JsonNode record, List<String> rulesFired,
                         JsonNode p21Request, String problem) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Environment environment;

    public MappingPreview(Environment environment) {
        this.environment = environment;
    }

    /**
     * @throws IllegalArgumentException naming an unknown source or event type, or a payload that is not JSON
     */
    public Result preview(MappingSet set, String source, String eventType, byte[] payload) {
        Source known = RawEvent.STOREFRONTS.get(source == null ? "" : source.toLowerCase(Locale.ROOT));
        if (known == null) {
            throw new IllegalArgumentException("source must be one of "
                    + RawEvent.STOREFRONTS.keySet().stream().sorted().toList() + ", got '" + source + "'");
        }
        if (!EVENTS.contains(eventType)) {
            throw new IllegalArgumentException("event must be one of " + EVENTS + ", got '" + eventType + "'");
        }
        JsonNode body;
        try {
            body = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage());
        }
        TransformerConfig config = TransformerConfig.from(environment);
        TemplateMapper mapper = new TemplateMapper(CompiledMappingSet.compile(set), config.skuCrossReference(),
                config.p21Defaults());
        RawEvent event = new RawEvent(known, eventType, "preview", Instant.now(), body);
        try {
            if (eventType.startsWith("order.")) {
                TemplateMapper.MappedOrder mapped = mapper.mapOrder(event);
                Order order = mapped.order();
                JsonNode request = JSON.valueToTree(new P21OrderMapper(OrderMapping.from(environment))
                        .salesOrder(order, "<customer id>"));
                return new Result(true, set.version(), eventType, json(order), mapped.rulesFired(), request, null);
            }
            Optional<SpecificRecord> record = mapper.record(event);
            return new Result(true, set.version(), eventType, record.map(MappingPreview::json).orElse(null), List.of(),
                    null, record.isEmpty() ? "no record: the payment moved no money (skipped, no dead letter)" : null);
        } catch (RuntimeException e) {
            return new Result(false, set.version(), eventType, null, List.of(), null, e.getMessage());
        }
    }

    /** Avro's own JSON of a record (decimals as numbers, times as epoch milliseconds, as the schema has them). */
    private static JsonNode json(SpecificRecord record) {
        try {
            return JSON.readTree(record.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Avro wrote JSON Jackson cannot read: " + e.getMessage(), e);
        }
    }
}
