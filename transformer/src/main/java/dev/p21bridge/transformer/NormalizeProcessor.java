package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.mapping.ActiveMappings;
import dev.p21bridge.transformer.mapping.CompiledMappingSet;
import dev.p21bridge.transformer.mapping.TemplateMapper;
import dev.p21bridge.transformer.normalize.ClarityNormalizer;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StorefrontNormalizer;
import dev.p21bridge.transformer.normalize.ValidationException;
import dev.p21bridge.transformer.normalize.XCartNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a raw storefront event into a canonical record keyed as docs/contract.md, section 'Topics' says, or into a dead
 * letter of class {@code mapping} or {@code validation} whose message names the field and the value. A bad record never
 * stops the stream; an unexpected exception goes to Kafka Streams' own dead-letter handling
 * ({@link ContractDeadLetterHandler}).
 *
 * <p>A {@code payment.captured} the storefront reports as failed or voided moved no money: it gives no record and no
 * dead letter, and is counted in the Streams metric {@code storefront-payments-skipped-total} (group
 * {@code stream-p21-bridge-metrics}).
 */
public final class NormalizeProcessor implements Processor<String, byte[], String, Normalized> {

    private static final Logger log = LoggerFactory.getLogger(NormalizeProcessor.class);
    /** The header naming the mapping set version that made a canonical record. */
    public static final String MAPPING_VERSION = "mapping-version";
    /** Its value under {@code BRIDGE_TRANSFORMER_ORDER_MAPPING=java}. */
    public static final String JAVA_MAPPING = "java";

    private final TransformerConfig config;
    private final String skuStoreName;
    private final String mappingsStoreName;
    private ProcessorContext<String, Normalized> context;
    private ActiveMappings<TemplateMapper> mappings;
    private StorefrontNormalizer xcart;
    private StorefrontNormalizer clarity;
    private Sensor skippedPayments;

    public NormalizeProcessor(TransformerConfig config, String skuStoreName, String mappingsStoreName) {
        this.config = config;
        this.skuStoreName = skuStoreName;
        this.mappingsStoreName = mappingsStoreName;
    }

    @Override
    public void init(ProcessorContext<String, Normalized> context) {
        this.context = context;
        TimestampedKeyValueStore<String, String> xref = context.getStateStore(skuStoreName);
        SkuCrossReference skus = config.skuCrossReference()
                .withTopic(sku -> Optional.ofNullable(ValueAndTimestamp.getValueOrNull(xref.get(sku))));
        TimestampedKeyValueStore<String, byte[]> published = context.getStateStore(mappingsStoreName);
        // none under BRIDGE_TRANSFORMER_ORDER_MAPPING=java: it would compile the bundled set for nothing
        this.mappings = config.javaOrderMapping() ? null : new ActiveMappings<>(
                key -> ValueAndTimestamp.getValueOrNull(published.get(key)),
                set -> new TemplateMapper(CompiledMappingSet.compile(set), skus, config.p21Defaults()));
        this.xcart = new XCartNormalizer(skus, config.p21Defaults());
        this.clarity = new ClarityNormalizer(skus, config.p21Defaults());
        this.skippedPayments = context.metrics().addRateTotalSensor(P21NormalizeProcessor.METRICS_SCOPE, "normalize",
                "storefront-payments-skipped", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        TemplateMapper templates = mappings == null ? null : mappings.current();
        record = record.withHeaders(withMappingVersion(record.headers(),
                templates == null ? JAVA_MAPPING : Integer.toString(templates.version())));
        try {
            RawEvent event = RawEventParser.parse(record, RawEvent.STOREFRONTS, config.storeSources());
            StorefrontNormalizer normalizer = templates != null ? templates
                    : event.source() == Source.XCART ? xcart : clarity;
            switch (event.eventType()) {
                case "order.created", "order.updated" -> {
                    Order order = normalizer.order(event);
                    context.forward(record.withKey(order.getOrderKey()).withValue(new Normalized.NormalizedOrder(order)));
                }
                case "customer.created", "customer.updated" -> {
                    Customer customer = normalizer.customer(event);
                    context.forward(record.withKey(customer.getEmail()).withValue(new Normalized.NormalizedCustomer(customer)));
                }
                case "payment.captured" -> payment(record, event, normalizer);
                case "return.created" -> {
                    ReturnRequest request = normalizer.returnRequest(event);
                    context.forward(record.withKey(request.getOrderKey()).withValue(new Normalized.NormalizedReturn(request)));
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

    /**
     * The record's headers with {@code mapping-version} (docs/contract.md, section 'Mappings and rules') set to the
     * version that maps it; one a storefront or an earlier replay sent is replaced, never trusted.
     */
    private static Headers withMappingVersion(Headers headers, String version) {
        RecordHeaders copy = new RecordHeaders(headers.toArray());
        copy.remove(MAPPING_VERSION);
        copy.add(MAPPING_VERSION, version.getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private void payment(Record<String, byte[]> record, RawEvent event, StorefrontNormalizer normalizer) {
        Optional<PaymentCapture> payment = normalizer.payment(event);
        if (payment.isEmpty()) {
            log.info("{} payment.captured {} did not move money (failed or voided); skipped", event.sourceName(),
                    event.eventId());
            skippedPayments.record();
            return;
        }
        context.forward(record.withKey(payment.get().getOrderKey()).withValue(new Normalized.NormalizedPayment(payment.get())));
    }

    private void reject(Record<String, byte[]> record, ErrorClass errorClass, String message) {
        context.forward(DeadLetterRecords.rejected(context, record, errorClass, message));
    }
}
