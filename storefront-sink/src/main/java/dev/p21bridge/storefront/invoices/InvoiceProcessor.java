package dev.p21bridge.storefront.invoices;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
public final class InvoiceProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(InvoiceProcessor.class);

    private final Deserializer<Invoice> invoices;
    private final Map<Storefront, InvoiceTarget> targets = new EnumMap<>(Storefront.class);
    private final StorefrontCalls calls;
    private final SinkContext context;

    public InvoiceProcessor(Deserializer<Invoice> invoices, List<InvoiceTarget> targets, StorefrontCalls calls,
                            SinkContext context) {
        this.invoices = invoices;
        targets.forEach(target -> this.targets.put(target.storefront(), target));
        this.calls = calls;
        this.context = context;
    }

    @Override
    public String what() {
        return "invoice";
    }

    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> wanted = Storefront.ofOrderKey(record.key()).map(s -> (Set<Storefront>) EnumSet.of(s))
                .orElseGet(() -> EnumSet.allOf(Storefront.class));
        return calls.circuits().anyPermitsCalls(wanted);
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Invoice> decoded = context.reader().read(record, invoices, "Invoice", lease);
        if (decoded instanceof Decoded.Value<Invoice> value) {
            return deliver(record, lease, value.value());
        }
        return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
    }

    private Attempt deliver(ConsumerRecord<String, byte[]> record, PartitionLease lease, Invoice invoice) {
        String orderKey = invoice.getOrderKey();
        Optional<Storefront> storefront = Storefront.ofOrderKey(orderKey);
        if (storefront.isEmpty() || !targets.containsKey(storefront.get())) {
            return deadLetter(record, lease, ErrorClass.VALIDATION, "order key '" + orderKey
                    + "' names no storefront this sink writes to (expected xcart:<order id> or clarity:<order id>)", 1);
        }
        if (invoice.getKind() == InvoiceKind.UNKNOWN) {
            return deadLetter(record, lease, ErrorClass.MAPPING, "P21 invoice " + invoice.getInvoiceNo() + " of "
                    + orderKey + " is of a kind this version of the storefront-sink does not know; upgrade the"
                    + " storefront-sink, then replay this dead letter", 1);
        }
        if (invoice.getKind() == InvoiceKind.CREDIT_MEMO && invoice.getReturnId() == null) {
            count(storefront.get(), "not-shown");
            log.info("credit memo {} of {} credits no storefront return; left to P21", invoice.getInvoiceNo(), orderKey);
            return new Attempt.Done();
        }
        InvoiceTarget target = targets.get(storefront.get());
        String orderId = Storefront.orderIdOf(orderKey);
        return calls.writeInPlace(record, lease, context, storefront.get(), "P21 " + invoice.getKind() + " "
                + invoice.getInvoiceNo() + " of " + orderKey, () -> write(target, orderId, invoice), outcome -> {
                    count(storefront.get(), outcome);
                    log.info("P21 {} {} of {}: {} {}", invoice.getKind(), invoice.getInvoiceNo(), orderKey,
                            storefront.get().displayName(), outcome);
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

    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message, int attempts) {
        return context.deadLetters().publish(record, lease, errorClass, message, attempts)
                ? new Attempt.Done() : new Attempt.Revoked();
    }
}
