package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.transformer.normalize.JsonFields;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import dev.p21bridge.transformer.normalize.StorefrontNormalizer;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Storefront events through a mapping set: the source's template for the event's kind ({@code orders/},
 * {@code customers/}, {@code payments/}, {@code returns/}) makes the mapped record, the rules change what they may of
 * an order, and a reader ({@link MappedOrderReader} and its siblings) makes the canonical record of it. Failures name
 * the file that failed (a template or rule, with line and column when JSONata knows them) or the mapped field that is
 * wrong.
 */
public final class TemplateMapper implements StorefrontNormalizer {

    /** The canonical order and the rules that set something of it, as {@code preview} shows them. */
    public record MappedOrder(Order order, List<String> rulesFired) {
    }

    private static final List<String> TOTALS_NUMBERS = List.of("subtotal", "tax", "shipping", "discount", "total");
    private static final List<String> PAYMENT_NUMBERS = List.of("amount");
    private static final List<String> LINE_NUMBERS = List.of("quantity", "unitPrice", "tax");

    private final CompiledMappingSet set;
    private final MappedOrderReader reader;
    private final MappedCustomerReader customers = new MappedCustomerReader();
    private final MappedPaymentReader payments = new MappedPaymentReader();
    private final MappedReturnReader returns;
    private final P21Defaults defaults;

    public TemplateMapper(CompiledMappingSet set, SkuCrossReference skus, P21Defaults defaults) {
        this.set = set;
        this.reader = new MappedOrderReader(skus, defaults);
        this.returns = new MappedReturnReader(skus);
        this.defaults = defaults;
    }

    public int version() {
        return set.version();
    }

    @Override
    public Order order(RawEvent event) {
        return mapOrder(event).order();
    }

    /** The order with the mapped record and the rules that fired, as {@code preview} shows them. */
    public MappedOrder mapOrder(RawEvent event) {
        Template template = template(MappingSet.ORDERS, event);
        ObjectNode mapped = object(template, event, "an order");
        mapped.put("source", event.sourceName());
        mapped.put("store", event.store());
        P21Defaults defaults = this.defaults.forStore(event.store());
        ObjectNode p21 = mapped.has("p21") && mapped.get("p21").isObject() ? (ObjectNode) mapped.get("p21")
                : mapped.putObject("p21");
        // the configured defaults, where the template did not choose (rules see them and may change them)
        putIfAbsent(p21, "salesLocationId", defaults.salesLocationId());
        putIfAbsent(p21, "sourceLocationId", defaults.sourceLocationId());
        putIfAbsent(p21, "taker", defaults.taker());
        numbersAsNumbers(mapped);
        List<String> fired = OrderRules.apply(set.rules(), mapped);
        return new MappedOrder(read(template, () -> reader.read(event, JsonFields.root(mapped))), fired);
    }

    @Override
    public Customer customer(RawEvent event) {
        Template template = template(MappingSet.CUSTOMERS, event);
        ObjectNode mapped = object(template, event, "a customer");
        return read(template, () -> customers.read(event, JsonFields.root(mapped)));
    }

    /** Empty when the template gives nothing: the payment moved no money (failed, voided). */
    @Override
    public Optional<PaymentCapture> payment(RawEvent event) {
        Template template = template(MappingSet.PAYMENTS, event);
        return mapped(template, event).map(mapped -> read(template, () -> payments.read(event, JsonFields.root(mapped))));
    }

    @Override
    public ReturnRequest returnRequest(RawEvent event) {
        Template template = template(MappingSet.RETURNS, event);
        ObjectNode mapped = object(template, event, "a return");
        return read(template, () -> returns.read(event, JsonFields.root(mapped)));
    }

    /**
     * The canonical record of any storefront event this mapper maps; empty for a payment that moved no money.
     *
     * @throws MappingException for an event type no template kind maps
     */
    public Optional<SpecificRecord> record(RawEvent event) {
        return switch (event.eventType()) {
            case "order.created", "order.updated" -> Optional.of(order(event));
            case "customer.created", "customer.updated" -> Optional.of(customer(event));
            case "payment.captured" -> payment(event).map(SpecificRecord.class::cast);
            case "return.created" -> Optional.of(returnRequest(event));
            default -> throw new MappingException("event-type " + event.eventType() + " is not mapped to a"
                    + " canonical topic by this version of the transformer");
        };
    }

    private Template template(String kind, RawEvent event) {
        return set.template(kind, event.sourceName()).orElseThrow(() -> new MappingException(
                "mapping set version " + set.version() + " has no " + kind + event.sourceName()
                        + ".jsonata to map this source's " + event.eventType() + "; apply a set that has one"));
    }

    /** The template's result, which must be an object: {@code what} a template of its kind gives. */
    private static ObjectNode object(Template template, RawEvent event, String what) {
        return mapped(template, event).orElseThrow(() -> new MappingException(template.file() + " gave nothing for"
                + " this payload; " + what + " template gives an object (docs/mappings.md)"));
    }

    /** The template's result for the event's payload; empty for nothing, an object or a refusal otherwise. */
    private static Optional<ObjectNode> mapped(Template template, RawEvent event) {
        JsonNode result = TemplateValues.toJson(template.evaluate(JsonViews.of(event.body())), template.file());
        if (result.isNull()) {
            return Optional.empty();
        }
        if (!result.isObject()) {
            throw new MappingException(template.file() + " gave " + result.getNodeType().name().toLowerCase()
                    + " for this payload; a template gives an object (docs/mappings.md)");
        }
        return Optional.of((ObjectNode) result);
    }

    /** The reader's record, its errors naming the template that mapped what it read. */
    private static <T> T read(Template template, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (MappingException e) {
            throw new MappingException(template.file() + " mapped a record that cannot be read: " + e.getMessage());
        } catch (ValidationException e) {
            throw new ValidationException(e.getMessage() + " (mapped by " + template.file() + ")");
        }
    }

    /**
     * Amounts and quantities a store sends as text (Clarity's {@code "1367.69"}) as exact numbers, so a rule compares
     * {@code totals.total > 5000} whatever the store; a text that is no number stays for the reader to refuse.
     */
    private static void numbersAsNumbers(ObjectNode mapped) {
        asNumbers(mapped.get("totals"), TOTALS_NUMBERS);
        asNumbers(mapped.get("payment"), PAYMENT_NUMBERS);
        JsonNode lines = mapped.get("lines");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                asNumbers(line, LINE_NUMBERS);
            }
        }
    }

    private static void asNumbers(JsonNode section, List<String> fields) {
        if (section == null || !section.isObject()) {
            return;
        }
        for (String field : fields) {
            JsonNode value = section.get(field);
            if (value != null && value.isTextual()) {
                try {
                    ((ObjectNode) section).put(field, TemplateFunctions.money(value.asText(), field));
                } catch (MappingException e) {
                    // left as it is: the reader names the field and the text
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }
}
