package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** invoice_hdr and ar_receipts rows, and the hold columns of oe_hdr, from raw.p21 to their canonical topics. */
class P21CashTopologyTest {

    private static final Instant POLLED = Instant.parse("2026-11-30T10:00:01.250Z");
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver p21;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        p21 = new TransformerDriver(registry.url(), stateDir, Map.of(), POLLED);
    }

    @AfterEach
    void tearDown() {
        p21.close();
    }

    @Test
    void shouldMapAnInvoiceOfAStorefrontOrderAndSayTheOrderIsInvoiced() {
        p21.p21("invoice.changed", "invoice_hdr:1000456:1", "1000123", invoice("1000456", "1000123", "xcart:10452", "N",
                "I", "413.22", "30.39", "413.22", "Y"), POLLED);

        TestRecord<String, Invoice> record = p21.invoices.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        Invoice invoice = record.value();
        assertThat(invoice.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(invoice.getSource()).isEqualTo(Source.XCART);
        assertThat(invoice.getOrderId()).isEqualTo("10452");
        assertThat(invoice.getReturnId()).isNull();
        assertThat(invoice.getSourceEventId()).isEqualTo("invoice_hdr:1000456:1");
        assertThat(invoice.getEventTime()).isEqualTo(POLLED);
        assertThat(invoice.getKind()).isEqualTo(InvoiceKind.INVOICE);
        assertThat(invoice.getInvoiceNo()).isEqualTo("1000456");
        assertThat(invoice.getP21OrderNo()).isEqualTo("1000123");
        assertThat(invoice.getInvoiceDate()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(invoice.getTotalAmount()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(invoice.getTaxAmount()).isEqualTo(new BigDecimal("30.3900"));
        assertThat(invoice.getFreightAmount()).isEqualTo(new BigDecimal("14.5000"));
        assertThat(invoice.getAmountPaid()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(invoice.getPaidInFull()).isTrue();
        assertThat(invoice.getChangedAt()).isEqualTo(Instant.parse("2026-11-30T09:59:58Z"));

        TestRecord<String, OrderStatus> status = p21.statuses.readRecord();
        assertThat(status.key()).isEqualTo("xcart:10452");
        assertThat(status.value().getStatus()).isEqualTo(OrderStatusCode.INVOICED);
        assertThat(status.value().getP21OrderNo()).isEqualTo("1000123");
        assertThat(status.value().getP21Status()).isEqualTo("invoice_hdr 1000456");
        assertThat(status.value().getSource()).isEqualTo(Source.XCART);
        assertThat(status.value().getOrderId()).isEqualTo("10452");
        assertThat(status.value().getSourceEventId()).isEqualTo("invoice_hdr:1000456:1");
        assertThat(status.value().getChangedAt()).isEqualTo(Instant.parse("2026-11-30T09:59:58Z"));
        assertThat(status.value().getLines()).isEmpty();
        assertThat(p21.statuses.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldMapTheCreditMemoOfAnRmaToTheStorefrontOrderAndItsReturn() {
        p21.p21("invoice.changed", "invoice_hdr:1000470:1", "1000140", invoice("1000470", "1000140",
                "clarity:CL-2026-000981:RT-3301", "Y", "C", "-55.90", "-4.61", "0", "N"), POLLED);

        TestRecord<String, Invoice> record = p21.invoices.readRecord();
        assertThat(record.key()).isEqualTo("clarity:CL-2026-000981");
        Invoice memo = record.value();
        assertThat(memo.getKind()).isEqualTo(InvoiceKind.CREDIT_MEMO);
        assertThat(memo.getSource()).isEqualTo(Source.CLARITY);
        assertThat(memo.getOrderId()).isEqualTo("CL-2026-000981");
        assertThat(memo.getReturnId()).isEqualTo("RT-3301");
        assertThat(memo.getP21OrderNo()).isEqualTo("1000140");
        assertThat(memo.getTotalAmount()).isEqualTo(new BigDecimal("-55.9000"));
        assertThat(memo.getTaxAmount()).isEqualTo(new BigDecimal("-4.6100"));
        assertThat(memo.getAmountPaid()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(memo.getPaidInFull()).isFalse();
        assertThat(p21.statuses.isEmpty()).as("a credit memo does not invoice the order").isTrue();
    }

    @Test
    void shouldMapACreditMemoOfTheOrderItselfWithoutAReturn() {
        p21.p21("invoice.changed", "invoice_hdr:1000471:1", "1000123", invoice("1000471", "1000123", "xcart:10452", "N",
                "C", "-5.00", "0", "0", "N"), POLLED);

        Invoice memo = p21.invoices.readValue();
        assertThat(memo.getKind()).isEqualTo(InvoiceKind.CREDIT_MEMO);
        assertThat(memo.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(memo.getReturnId()).isNull();
        assertThat(p21.statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldSkipAndCountInvoicesOfOrdersNoStorefrontPlaced() {
        int row = 0;
        for (String reference : List.of("null", "\"\"", "\"PO-7781\"", "\"amazon:112-334\"")) {
            p21.p21("invoice.changed", "invoice_hdr:9:" + row++, "9", """
                    {"invoice_no": "9", "order_no": "9", "customer_id": 100233, "invoice_date": "2026-11-29T00:00:00Z",
                     "total_amount": 10, "tax_amount": 0, "freight_amount": 0, "amount_paid": 0,
                     "paid_in_full_flag": "N", "invoice_adjustment_type": "D", "date_created": "2026-11-29T00:00:00Z",
                     "date_last_modified": "2026-11-29T00:00:00Z", "web_reference_no": %s, "rma_flag": "N"}"""
                    .formatted(reference), POLLED);
        }

        assertThat(p21.invoices.isEmpty()).isTrue();
        assertThat(p21.statuses.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).as("the adjustment type of a P21-only invoice is not judged").isTrue();
        assertThat(p21.metric("p21-invoices-skipped-total")).isEqualTo(4.0);
    }

    @Test
    void shouldDeadLetterAnInvoiceWhoseAdjustmentTypeTheMappingDoesNotKnow() {
        p21.p21("invoice.changed", "invoice_hdr:1000456:1", "1000123", invoice("1000456", "1000123", "xcart:10452", "N",
                "D", "413.22", "30.39", "0", "N"), POLLED);
        p21.p21("invoice.changed", "invoice_hdr:1000456:2", "1000123", invoice("1000456", "1000123", "xcart:10452", "N",
                "I", "413.22", "30.39", "0", "P"), POLLED);

        List<TestRecord<String, byte[]>> letters = p21.deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.ERROR_CLASS)).containsExactly("mapping",
                "mapping");
        assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_MESSAGE)).startsWith(
                "invoice_hdr 1000456 has invoice_adjustment_type 'D', which the invoice mapping does not know");
        assertThat(header(letters.get(1), DeadLetterHeaders.ERROR_MESSAGE)).startsWith(
                "invoice_hdr 1000456 has paid_in_full_flag 'P', which the invoice mapping does not know");
        assertThat(p21.invoices.isEmpty()).isTrue();
        assertThat(p21.statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldMapAnInvoicePolledTwiceOnce() {
        String row = invoice("1000456", "1000123", "xcart:10452", "N", "I", "413.22", "30.39", "0", "N");
        p21.p21("invoice.changed", "invoice_hdr:1000456:1", "1000123", row, POLLED);
        p21.p21("invoice.changed", "invoice_hdr:1000456:1", "1000123", row, POLLED.plusSeconds(2));

        assertThat(p21.invoices.readRecordsToList()).hasSize(1);
        assertThat(p21.statuses.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldMapACashReceiptOfAStorefrontOrderByItsDescription() {
        p21.p21("receipt.changed", "ar_receipts:700100:1", "700100", receipt("700100", "xcart:10452", "N", "413.22"),
                POLLED);

        TestRecord<String, PaymentReceipt> record = p21.receipts.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        PaymentReceipt receipt = record.value();
        assertThat(receipt.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(receipt.getSource()).isEqualTo(Source.XCART);
        assertThat(receipt.getOrderId()).isEqualTo("10452");
        assertThat(receipt.getSourceEventId()).isEqualTo("ar_receipts:700100:1");
        assertThat(receipt.getEventTime()).isEqualTo(POLLED);
        assertThat(receipt.getReceiptNo()).isEqualTo("700100");
        assertThat(receipt.getP21OrderNo()).isEqualTo("1000123");
        assertThat(receipt.getInvoiceNo()).isEqualTo("1000456");
        assertThat(receipt.getTransactionId()).isEqualTo("90412");
        assertThat(receipt.getAmount()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(receipt.getPaymentType()).isEqualTo("CC");
        assertThat(receipt.getDeleted()).isFalse();
        assertThat(receipt.getChangedAt()).isEqualTo(Instant.parse("2026-11-30T09:59:58Z"));
    }

    @Test
    void shouldMarkAReceiptVoidedInP21AsDeletedAndKeepARefundNegative() {
        p21.p21("receipt.changed", "ar_receipts:700101:1", "700101", receipt("700101", "clarity:CL-2026-000981", "Y",
                "-55.90"), POLLED);

        PaymentReceipt receipt = p21.receipts.readValue();
        assertThat(receipt.getOrderKey()).isEqualTo("clarity:CL-2026-000981");
        assertThat(receipt.getDeleted()).isTrue();
        assertThat(receipt.getAmount()).isEqualTo(new BigDecimal("-55.9000"));
    }

    @Test
    void shouldSkipAndCountReceiptsThatNameNoStorefrontOrder() {
        p21.p21("receipt.changed", "ar_receipts:1:1", "1", receipt("1", "Walk-in payment", "N", "10"), POLLED);
        p21.p21("receipt.changed", "ar_receipts:2:1", "2", receipt("2", "", "N", "10"), POLLED);

        assertThat(p21.receipts.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
        assertThat(p21.metric("p21-receipts-skipped-total")).isEqualTo(2.0);
    }

    @Test
    void shouldSayHeldThenReleasedThenAcceptedAgainAsTheApprovalChanges() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("N", "N"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000123:2", "1000123", header("Y", "N"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000123:3", "1000123", header("Y", "N"), POLLED);

        List<OrderStatus> statuses = p21.statuses.readValuesToList();
        assertThat(statuses).extracting(OrderStatus::getStatus).containsExactly(OrderStatusCode.HELD,
                OrderStatusCode.RELEASED, OrderStatusCode.ACCEPTED);
        assertThat(statuses).extracting(OrderStatus::getOrderKey).containsOnly("xcart:10452");
        assertThat(statuses).extracting(OrderStatus::getP21OrderNo).containsOnly("1000123");
        assertThat(statuses.get(0).getP21Status()).isEqualTo("oe_hdr on hold (approved=N)");
        assertThat(statuses.get(1).getP21Status()).isEqualTo("oe_hdr released from hold (approved=Y)");
    }

    @Test
    void shouldSayAcceptedForAnApprovedOrderThatWasNeverHeld() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("Y", "N"), POLLED);

        assertThat(p21.statuses.readValue().getStatus()).isEqualTo(OrderStatusCode.ACCEPTED);
    }

    @Test
    void shouldSayCancelledForAHeldOrderThatIsCancelledAndNotReleaseItAfterwards() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("N", "N"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000123:2", "1000123", header("N", "Y"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000123:3", "1000123", header("Y", "N"), POLLED);

        assertThat(p21.statuses.readValuesToList()).extracting(OrderStatus::getStatus).containsExactly(
                OrderStatusCode.HELD, OrderStatusCode.CANCELLED, OrderStatusCode.ACCEPTED);
    }

    @Test
    void shouldGiveNoStatusForAnRmaAndCountIt() {
        p21.p21("order.changed", "oe_hdr:1000140:1", "1000140", """
                {"order_no": "1000140", "web_reference_no": "xcart:10452:501", "customer_id": 100233, "completed": "N",
                 "cancel_flag": "N", "delete_flag": "N", "approved": "Y", "rma_flag": "Y",
                 "date_created": "2026-11-28T00:00:00Z", "date_last_modified": "2026-11-28T00:00:00Z"}""", POLLED);

        assertThat(p21.statuses.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
        assertThat(p21.metric("p21-order-headers-skipped-total")).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterAnApprovedFlagTheMappingDoesNotKnow() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("maybe", "N"), POLLED);

        TestRecord<String, byte[]> letter = p21.deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .startsWith("oe_hdr 1000123 has approved 'maybe', which the order-status mapping does not know");
    }

    private static String invoice(String invoiceNo, String orderNo, String reference, String rma, String type,
                                  String total, String tax, String paid, String paidInFull) {
        return """
                {"invoice_no": "%s", "order_no": "%s", "customer_id": 100233, "invoice_date": "2026-11-29T00:00:00Z",
                 "total_amount": %s, "tax_amount": %s, "freight_amount": 14.50, "amount_paid": %s,
                 "paid_in_full_flag": "%s", "invoice_adjustment_type": "%s", "date_created": "2026-11-29T08:00:00Z",
                 "date_last_modified": "2026-11-30T09:59:58Z", "web_reference_no": "%s", "rma_flag": "%s"}"""
                .formatted(invoiceNo, orderNo, total, tax, paid, paidInFull, type, reference, rma);
    }

    private static String receipt(String receiptNo, String description, String deleted, String amount) {
        return """
                {"receipt_no": %s, "customer_id": 100233, "order_no": "1000123", "invoice_no": "1000456",
                 "payment_type_id": "CC", "receipt_amount": %s, "check_no": "90412", "description": "%s",
                 "receipt_date": "2026-11-30T00:00:00Z", "delete_flag": "%s", "date_created": "2026-11-30T09:00:00Z",
                 "date_last_modified": "2026-11-30T09:59:58Z"}""".formatted(receiptNo, amount, description, deleted);
    }

    private static String header(String approved, String cancelFlag) {
        return """
                {"order_no": "1000123", "web_reference_no": "xcart:10452", "customer_id": 100233, "completed": "N",
                 "cancel_flag": "%s", "delete_flag": "N", "approved": "%s", "rma_flag": "N",
                 "date_created": "2026-11-22T17:00:00Z", "date_last_modified": "2026-11-22T18:00:00Z"}"""
                .formatted(cancelFlag, approved);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
