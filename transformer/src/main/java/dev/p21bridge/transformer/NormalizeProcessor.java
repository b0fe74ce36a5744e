package dev.p21bridge.transformer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.dlq.DeadLetter;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.normalize.ClarityNormalizer;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StorefrontNormalizer;
import dev.p21bridge.transformer.normalize.ValidationException;
import dev.p21bridge.transformer.normalize.XCartNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a raw storefront event into a canonical record keyed as CONTRACT section 4 says, or into a dead letter of
 * class {@code mapping} or {@code validation} whose message names the field and the value. A bad record never
 * stops the stream; an unexpected exception goes to Kafka Streams' own dead-letter handling
 * ({@link ContractDeadLetterHandler}).
 */
public final class NormalizeProcessor implements Processor<String, byte[], String, Normalized> {

    private static final Logger log = LoggerFactory.getLogger(NormalizeProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final TransformerConfig config;
    private final String skuStoreName;
    private ProcessorContext<String, Normalized> context;
    private StorefrontNormalizer xcart;
    private StorefrontNormalizer clarity;

    public NormalizeProcessor(TransformerConfig config, String skuStoreName) {
        this.config = config;
        this.skuStoreName = skuStoreName;
    }

    @Override
    public void init(ProcessorContext<String, Normalized> context) {
        this.context = context;
        TimestampedKeyValueStore<String, String> xref = context.getStateStore(skuStoreName);
        SkuCrossReference skus = config.skuCrossReference()
                .withTopic(sku -> Optional.ofNullable(ValueAndTimestamp.getValueOrNull(xref.get(sku))));
        this.xcart = new XCartNormalizer(skus, config.p21Defaults());
        this.clarity = new ClarityNormalizer(skus, config.p21Defaults());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            RawEvent event = parse(record);
            StorefrontNormalizer normalizer = event.source() == Source.XCART ? xcart : clarity;
            switch (event.eventType()) {
                case "order.created", "order.updated" -> {
                    Order order = normalizer.order(event);
                    context.forward(record.withKey(order.getOrderKey()).withValue(new Normalized.NormalizedOrder(order)));
                }
                case "customer.created", "customer.updated" -> {
                    Customer customer = normalizer.customer(event);
                    context.forward(record.withKey(customer.getEmail()).withValue(new Normalized.NormalizedCustomer(customer)));
                }
                default -> throw new MappingException("event-type " + event.eventType()
                        + " is not mapped to a canonical topic by this version of the transformer; replay it after an upgrade");
            }
        } catch (MappingException e) {
            reject(record, ErrorClass.MAPPING, e.getMessage());
        } catch (ValidationException e) {
            reject(record, ErrorClass.VALIDATION, e.getMessage());
        }
    }

    private RawEvent parse(Record<String, byte[]> record) {
        Source source = switch (String.valueOf(header(record.headers(), "source"))) {
            case "xcart" -> Source.XCART;
            case "clarity" -> Source.CLARITY;
            default -> throw new MappingException("header source must be xcart or clarity, got '"
                    + header(record.headers(), "source") + "'");
        };
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
        } catch (java.io.IOException e) {
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

    private void reject(Record<String, byte[]> record, ErrorClass errorClass, String message) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        Headers headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(headers, new DeadLetter(origin.topic(), origin.partition(), origin.offset(),
                TransformerConfig.SERVICE, errorClass, message, 1, Instant.now()));
        log.warn("dead letter {} from {}-{}@{}: {}", errorClass.label(), origin.topic(), origin.partition(),
                origin.offset(), message);
        context.forward(record.withHeaders(headers).withValue(new Normalized.Rejected(record.value())));
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
