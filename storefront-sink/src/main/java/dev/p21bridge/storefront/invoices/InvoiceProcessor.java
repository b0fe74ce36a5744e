package dev.p21bridge.storefront.invoices;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.storefront.OrderKeyedDelivery;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a record of {@code canonical.invoices} to the storefront its order key names: an invoice
 * shows its number on the order where the store has a place for it (the order's "invoiced/completed" status comes
 * from {@code canonical.order-status}); a credit memo of a storefront return marks that return refunded with the
 * credit's amount. A credit memo that credits no storefront return (made in P21 by hand) is left to P21. A kind
 * this version does not know is a {@code mapping} dead letter; a store's refusal a {@code rejected-by-target} one;
 * a transient failure is tried again in place, then the {@link RetryFlow} moves the record on.
 *
 * <p>Metric {@code storefront.invoices{storefront, outcome=shown|already-shown|refunded|not-shown}}.
 */
public final class InvoiceProcessor extends OrderKeyedDelivery<Invoice, InvoiceTarget> {

    private static final Logger log = LoggerFactory.getLogger(InvoiceProcessor.class);

    public InvoiceProcessor(Deserializer<Invoice> invoices, List<InvoiceTarget> targets, StorefrontCalls calls,
                            SinkContext context) {
        super(invoices, "Invoice", byStore(targets, InvoiceTarget::storefront), calls, context);
    }


    @Override
    public String what() {
        return "invoice";
    }

    @Override
    protected String orderKeyOf(Invoice invoice) {
        return invoice.getOrderKey();
    }

    @Override
    protected Attempt deliver(ConsumerRecord<String, byte[]> record, PartitionLease lease, Invoice invoice,
                              Storefront storefront, InvoiceTarget target) {
        String orderKey = invoice.getOrderKey();
        if (invoice.getKind() == InvoiceKind.UNKNOWN) {
            return deadLetter(record, lease, ErrorClass.MAPPING, "P21 invoice " + invoice.getInvoiceNo() + " of "
                    + orderKey + " is of a kind this version of the storefront-sink does not know; upgrade the"
                    + " storefront-sink, then replay this dead letter");
        }
        if (invoice.getKind() == InvoiceKind.CREDIT_MEMO && invoice.getReturnId() == null) {
            count(storefront, "not-shown");
            log.info("credit memo {} of {} credits no storefront return; left to P21", invoice.getInvoiceNo(), orderKey);
            return new Attempt.Done();
        }
        String orderId = Storefront.orderIdOf(orderKey);
        return calls.writeInPlace(record, lease, context, storefront, "P21 " + invoice.getKind() + " "
                + invoice.getInvoiceNo() + " of " + orderKey, () -> write(target, orderId, invoice), outcome -> {
                    count(storefront, outcome);
                    log.info("P21 {} {} of {}: {} {}", invoice.getKind(), invoice.getInvoiceNo(), orderKey,
                            storefront.displayName(), outcome);
                });
    }

    private static String write(InvoiceTarget target, String orderId, Invoice invoice) {
        if (invoice.getKind() == InvoiceKind.CREDIT_MEMO) {
            BigDecimal credit = invoice.getTotalAmount().abs();
            target.refundReturn(orderId, invoice.getReturnId(), credit);
            return "refunded";
        }
        return target.showInvoice(orderId, invoice.getInvoiceNo()) ? "shown" : "already-shown";
    }

    private void count(Storefront storefront, String outcome) {
        context.metrics().counter("storefront.invoices", "storefront", storefront.id(), "outcome", outcome)
                .increment();
    }

}
