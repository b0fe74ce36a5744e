package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.transformer.inventory.StockReading;
import dev.p21bridge.transformer.normalize.MappingException;
import dev.p21bridge.transformer.normalize.P21CashNormalizer;
import dev.p21bridge.transformer.normalize.P21Normalizer;
import dev.p21bridge.transformer.normalize.RawEvent;
import dev.p21bridge.transformer.normalize.ValidationException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code raw.p21} record into canonical records keyed as docs/contract.md, section 'Topics' says (products by
 * SKU, customers by e-mail, shipments, order statuses, invoices and payment receipts by order key) or into a stock
 * reading keyed by item for the inventory processor.
 * Unreadable or invalid rows become dead letters of class {@code mapping} or {@code validation}, as on the storefront
 * path.
 *
 * <p>Rows no storefront cares about (a pick ticket of an order entered in P21, a customer without an e-mail) are
 * skipped with a log line and counted in the Streams metrics {@code p21-shipments-skipped-total} and
 * {@code p21-customers-skipped-total} (group {@code stream-p21-bridge-metrics}); an order header that is no
 * storefront order, is an RMA or is complete (its last pick ticket says shipped) in
 * {@code p21-order-headers-skipped-total}; an invoice or a cash receipt of no storefront order in
 * {@code p21-invoices-skipped-total} and {@code p21-receipts-skipped-total}.
 *
 * <p>Held orders are remembered in a key-value store by order key (an {@code oe_hdr} row with {@code approved = 'N'}),
 * so the row that approves one says released rather than accepted; any other status of the order removes it, so the
 * store holds the orders on hold now, not every order seen. An order's {@code oe_hdr} rows share their record key
 * ({@code order_no}), so they always meet in the task that holds its entry.
 */
public final class P21NormalizeProcessor implements Processor<String, byte[], String, Normalized> {

    public static final String METRICS_SCOPE = "p21-bridge";

    private static final Logger log = LoggerFactory.getLogger(P21NormalizeProcessor.class);
    private static final Map<String, Source> SOURCES = Map.of("p21", Source.P21);

    private final TransformerConfig config;
    private final String skuStoreName;
    private final String heldStoreName;
    private ProcessorContext<String, Normalized> context;
    private P21Normalizer normalizer;
    private final P21CashNormalizer cash;
    private KeyValueStore<String, String> held;
    private Sensor skippedShipments;
    private Sensor skippedCustomers;
    private Sensor skippedOrders;
    private Sensor skippedInvoices;
    private Sensor skippedReceipts;

    /** @param heldStoreName a key-value store, order key to P21 order number, of the orders on hold */
    public P21NormalizeProcessor(TransformerConfig config, String skuStoreName, String heldStoreName) {
        this.config = config;
        this.skuStoreName = skuStoreName;
        this.heldStoreName = heldStoreName;
        this.cash = new P21CashNormalizer(config.storeSources());
    }

    @Override
    public void init(ProcessorContext<String, Normalized> context) {
        this.context = context;
        StorefrontSkus skus = new StorefrontSkus(config.skuCrossReference(), context.getStateStore(skuStoreName));
        skus.refresh();
        context.schedule(StorefrontSkus.REFRESH, PunctuationType.WALL_CLOCK_TIME, now -> skus.refresh());
        this.normalizer = new P21Normalizer(skus::of, config.storeSources());
        this.held = context.getStateStore(heldStoreName);
        this.skippedShipments = context.metrics().addRateTotalSensor(METRICS_SCOPE, "normalize-p21",
                "p21-shipments-skipped", Sensor.RecordingLevel.INFO);
        this.skippedCustomers = context.metrics().addRateTotalSensor(METRICS_SCOPE, "normalize-p21",
                "p21-customers-skipped", Sensor.RecordingLevel.INFO);
        this.skippedOrders = context.metrics().addRateTotalSensor(METRICS_SCOPE, "normalize-p21",
                "p21-order-headers-skipped", Sensor.RecordingLevel.INFO);
        this.skippedInvoices = context.metrics().addRateTotalSensor(METRICS_SCOPE, "normalize-p21",
                "p21-invoices-skipped", Sensor.RecordingLevel.INFO);
        this.skippedReceipts = context.metrics().addRateTotalSensor(METRICS_SCOPE, "normalize-p21",
                "p21-receipts-skipped", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            RawEvent event = RawEventParser.parse(record, SOURCES);
            switch (event.eventType()) {
                case "item.changed" -> {
                    for (Product product : normalizer.products(event)) {
                        forward(record, product.getSku(), new Normalized.NormalizedProduct(product));
                    }
                }
                case "inventory.changed" -> {
                    StockReading reading = normalizer.reading(event);
                    forward(record, StorefrontSkus.itemKey(reading.itemId()), new Normalized.NormalizedReading(reading));
                }
                case "customer.changed" -> customer(record, event);
                case "shipment.created" -> shipment(record, event);
                case "order.changed" -> orderStatus(record, event);
                case "invoice.changed" -> invoice(record, event);
                case "receipt.changed" -> receipt(record, event);
                default -> throw new MappingException("event-type " + event.eventType()
                        + " is not mapped to a canonical topic by this version of the transformer; replay it after an upgrade");
            }
        } catch (MappingException e) {
            context.forward(DeadLetterRecords.rejected(context, record, ErrorClass.MAPPING, e.getMessage()));
        } catch (ValidationException e) {
            context.forward(DeadLetterRecords.rejected(context, record, ErrorClass.VALIDATION, e.getMessage()));
        }
    }

    private void customer(Record<String, byte[]> record, RawEvent event) {
        Optional<Customer> customer = normalizer.customer(event);
        if (customer.isEmpty()) {
            log.info("P21 customer {} has no e-mail address, which storefronts key customers by; skipped (event {})",
                    record.key(), event.eventId());
            skippedCustomers.record();
            return;
        }
        forward(record, customer.get().getEmail(), new Normalized.NormalizedCustomer(customer.get()));
    }

    private void shipment(Record<String, byte[]> record, RawEvent event) {
        Optional<Shipment> shipment = normalizer.shipment(event);
        if (shipment.isEmpty()) {
            log.info("P21 pick ticket {} belongs to an order that is not a storefront order (web_reference_no '{}'); "
                    + "skipped (event {})", record.key(), event.fields().object("order").optionalText("web_reference_no"),
                    event.eventId());
            skippedShipments.record();
            return;
        }
        forward(record, shipment.get().getOrderKey(), new Normalized.NormalizedShipment(shipment.get()));
        normalizer.shipmentStatus(shipment.get()).ifPresent(status ->
                forward(record, status.getOrderKey(), new Normalized.NormalizedOrderStatus(status)));
    }

    private void orderStatus(Record<String, byte[]> record, RawEvent event) {
        Optional<OrderStatus> status = normalizer.orderStatus(event, orderKey -> held.get(orderKey) != null);
        if (status.isEmpty()) {
            skippedOrders.record();
            return;
        }
        String orderKey = status.get().getOrderKey();
        if (status.get().getStatus() == OrderStatusCode.HELD) {
            held.put(orderKey, status.get().getP21OrderNo());
        } else if (held.get(orderKey) != null) {
            held.delete(orderKey);
        }
        forward(record, orderKey, new Normalized.NormalizedOrderStatus(status.get()));
    }

    private void invoice(Record<String, byte[]> record, RawEvent event) {
        Optional<Invoice> invoice = cash.invoice(event);
        if (invoice.isEmpty()) {
            log.debug("P21 invoice {} belongs to an order that is not a storefront order; skipped (event {})",
                    record.key(), event.eventId());
            skippedInvoices.record();
            return;
        }
        forward(record, invoice.get().getOrderKey(), new Normalized.NormalizedInvoice(invoice.get()));
        cash.invoicedStatus(event, invoice.get()).ifPresent(status ->
                forward(record, status.getOrderKey(), new Normalized.NormalizedOrderStatus(status)));
    }

    private void receipt(Record<String, byte[]> record, RawEvent event) {
        Optional<PaymentReceipt> receipt = cash.receipt(event);
        if (receipt.isEmpty()) {
            log.debug("P21 cash receipt {} names no storefront order in its description; skipped (event {})",
                    record.key(), event.eventId());
            skippedReceipts.record();
            return;
        }
        forward(record, receipt.get().getOrderKey(), new Normalized.NormalizedReceipt(receipt.get()));
    }

    private void forward(Record<String, byte[]> record, String key, Normalized value) {
        context.forward(record.withKey(key).withValue(value));
    }
}
