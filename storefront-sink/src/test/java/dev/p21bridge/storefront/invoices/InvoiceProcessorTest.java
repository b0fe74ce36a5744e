package dev.p21bridge.storefront.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.retry.RetryBacklog;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontCircuits;
import dev.p21bridge.storefront.StorefrontErrorPolicy;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** P21 invoices show their number where a store has a place for it; a return's credit memo refunds the return. */
class InvoiceProcessorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final RetryConfig retry = new RetryConfig(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), 20, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final SinkContext context = new SinkContext(StorefrontSinkService.settings(retry), producer,
            new RetryBacklog(new MockConsumer<>("earliest")), metrics, clock);
    private final StubInvoices xcart = new StubInvoices(Storefront.XCART);
    private final StubInvoices clarity = new StubInvoices(Storefront.CLARITY);
    private final AtomicReference<Invoice> next = new AtomicReference<>();
    private final InvoiceProcessor processor = new InvoiceProcessor((topic, data) -> next.get(),
            List.of(xcart, clarity), new StorefrontCalls(new StorefrontErrorPolicy(),
            new StorefrontCircuits(retry, clock, metrics), 2), context);

    @Test
    void shouldShowTheInvoiceNumberOnceWhereTheStoreHasAPlaceForIt() {
        deliver(invoice("xcart:7", InvoiceKind.INVOICE, "7000001", null, "413.22"));
        deliver(invoice("xcart:7", InvoiceKind.INVOICE, "7000001", null, "413.22"));
        deliver(invoice("clarity:CL-1", InvoiceKind.INVOICE, "7000002", null, "99.00"));

        assertThat(xcart.calls).containsExactly("7 invoice 7000001");
        assertThat(clarity.calls).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefundTheStoresReturnWithTheCreditMemosAmount() {
        deliver(invoice("xcart:7", InvoiceKind.CREDIT_MEMO, "7000003", "552", "-36.40"));
        deliver(invoice("clarity:CL-1", InvoiceKind.CREDIT_MEMO, "7000004", "RT-3351", "-91.00"));

        assertThat(xcart.calls).containsExactly("7 refund 552 36.40");
        assertThat(clarity.calls).containsExactly("CL-1 refund RT-3351 91.00");
    }

    @Test
    void shouldLeaveACreditMemoThatCreditsNoStorefrontReturnToP21() {
        deliver(invoice("xcart:7", InvoiceKind.CREDIT_MEMO, "7000005", null, "-10.00"));

        assertThat(xcart.calls).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUnknownKindAndARefusedRefundWithTheirReasons() {
        deliver(invoice("xcart:8", InvoiceKind.UNKNOWN, "7000006", null, "1.00"));
        xcart.refuse = true;
        deliver(invoice("xcart:9", InvoiceKind.CREDIT_MEMO, "7000007", "553", "-500.00"));

        assertThat(producer.history()).hasSize(2);
        ProducerRecord<String, byte[]> unknown = producer.history().get(0);
        assertThat(header(unknown, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(unknown, DeadLetterHeaders.ERROR_MESSAGE)).contains("7000006").contains("upgrade");
        ProducerRecord<String, byte[]> refused = producer.history().get(1);
        assertThat(header(refused, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("rejected-by-target");
        assertThat(header(refused, DeadLetterHeaders.ERROR_MESSAGE)).contains("X-Cart refused P21 CREDIT_MEMO 7000007")
                .contains("exceeds what was paid");
    }

    private static Invoice invoice(String orderKey, InvoiceKind kind, String invoiceNo, String returnId, String total) {
        String[] key = orderKey.split(":", 2);
        return Invoice.newBuilder().setOrderKey(orderKey).setSource(key[0].equals("xcart") ? Source.XCART
                        : Source.CLARITY).setOrderId(key[1]).setReturnId(returnId).setSourceEventId("e")
                .setEventTime(Instant.EPOCH).setKind(kind).setInvoiceNo(invoiceNo).setP21OrderNo("1000123")
                .setInvoiceDate(Instant.EPOCH).setTotalAmount(new BigDecimal(total).setScale(4))
                .setTaxAmount(BigDecimal.ZERO.setScale(4)).setFreightAmount(null)
                .setAmountPaid(BigDecimal.ZERO.setScale(4)).setPaidInFull(false).setChangedAt(Instant.EPOCH).build();
    }

    private void deliver(Invoice invoice) {
        next.set(invoice);
        PartitionLease lease = new PartitionLease(new TopicPartition("canonical.invoices", 1));
        lease.offsets().received(7);
        assertThat(processor.attempt(new ConsumerRecord<>("canonical.invoices", 1, 7, invoice.getOrderKey(),
                "invoice".getBytes(StandardCharsets.UTF_8)), lease)).isInstanceOf(Attempt.Done.class);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A store's invoice calls in memory; X-Cart has a place for the number, Clarity none. */
    private static final class StubInvoices implements InvoiceTarget {
        final Storefront storefront;
        final List<String> calls = new ArrayList<>();
        final Map<String, String> shown = new HashMap<>();
        boolean refuse;

        StubInvoices(Storefront storefront) {
            this.storefront = storefront;
        }

        @Override
        public Storefront storefront() {
            return storefront;
        }

        @Override
        public boolean showInvoice(String orderId, String invoiceNo) {
            if (storefront == Storefront.CLARITY || invoiceNo.equals(shown.get(orderId))) {
                return false;
            }
            shown.put(orderId, invoiceNo);
            calls.add(orderId + " invoice " + invoiceNo);
            return true;
        }

        @Override
        public void refundReturn(String orderId, String returnId, BigDecimal amount) {
            if (refuse) {
                throw new StorefrontCallException(storefront, 400, "refund exceeds what was paid", null);
            }
            calls.add(orderId + " refund " + returnId + " " + amount.setScale(2).toPlainString());
        }
    }
}
