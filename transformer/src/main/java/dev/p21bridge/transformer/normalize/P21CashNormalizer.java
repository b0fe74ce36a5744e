package dev.p21bridge.transformer.normalize;

import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * P21's side of the money of storefront orders, as the poller writes it to {@code raw.p21}: invoices and credit memos
 * ({@code invoice_hdr}, with the order's {@code web_reference_no} and {@code rma_flag} the poller adds from
 * {@code oe_hdr}) and cash receipts ({@code ar_receipts}, whose {@code description} the p21-sink sets to the order
 * key). Amounts are taken as P21 shows them, signs included.
 *
 * <p>A row of an order no storefront placed (no storefront order key where one is looked for) is no error: it gives
 * no record (an empty result, which the caller counts), and is not checked further, so a P21-only adjustment type or
 * a flag of such a row makes no dead letter.
 */
public final class P21CashNormalizer {

    private final Map<String, Source> stores;

    /** @param stores the stores of {@code BRIDGE_STORES} and their sources: the prefixes a web reference may have */
    public P21CashNormalizer(Map<String, Source> stores) {
        this.stores = Map.copyOf(stores);
    }

    /**
     * {@code invoice_hdr}: an invoice ({@code invoice_adjustment_type = 'I'}) or a credit memo ({@code 'C'}) of the
     * storefront order of {@code web_reference_no}; a credit memo of an RMA ({@code rma_flag = 'Y'}) names the
     * storefront return. Another adjustment type, or a flag other than Y or N, is a {@code mapping} error.
     */
    public Optional<Invoice> invoice(RawEvent event) {
        JsonFields json = event.fields();
        String invoiceNo = json.id("invoice_no");
        String row = "invoice_hdr " + invoiceNo;
        boolean rma = P21Flags.flag(json, "rma_flag", row, "invoice");
        String webReference = json.optionalText("web_reference_no");
        Optional<WebReference.Return> reference = rma ? WebReference.parseReturn(webReference, stores)
                : WebReference.parse(webReference, stores).map(order -> new WebReference.Return(order, null));
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        InvoiceKind kind = kind(json, row);
        boolean paidInFull = P21Flags.flag(json, "paid_in_full_flag", row, "invoice");
        WebReference order = reference.get().order();
        BigDecimal freight = json.optionalDecimal("freight_amount");
        return Optional.of(Invoice.newBuilder()
                .setOrderKey(order.orderKey())
                .setSource(order.source())
                .setOrderId(order.orderId())
                .setReturnId(reference.get().returnId())
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setKind(kind)
                .setInvoiceNo(invoiceNo)
                .setP21OrderNo(json.id("order_no"))
                .setInvoiceDate(json.instant("invoice_date"))
                .setTotalAmount(amount(json, "total_amount"))
                .setTaxAmount(amountOrZero(json, "tax_amount"))
                .setFreightAmount(freight == null ? null : Money.of(freight, () -> json.path("freight_amount")))
                .setAmountPaid(amountOrZero(json, "amount_paid"))
                .setPaidInFull(paidInFull)
                .setChangedAt(json.instant("date_last_modified"))
                .build());
    }

    /**
     * The status an invoice gives its storefront order: invoiced. Nothing for a credit memo, nor for an invoice of an
     * RMA ({@code rma_flag = 'Y'}), which is not the storefront's order.
     */
    public Optional<OrderStatus> invoicedStatus(RawEvent event, Invoice invoice) {
        if (invoice.getKind() != InvoiceKind.INVOICE || invoice.getReturnId() != null
                || P21Flags.flag(event.fields(), "rma_flag", "invoice_hdr " + invoice.getInvoiceNo(), "invoice")) {
            return Optional.empty();
        }
        return Optional.of(OrderStatus.newBuilder()
                .setOrderKey(invoice.getOrderKey())
                .setSource(invoice.getSource())
                .setOrderId(invoice.getOrderId())
                .setSourceEventId(invoice.getSourceEventId())
                .setEventTime(invoice.getEventTime())
                .setP21OrderNo(invoice.getP21OrderNo())
                .setStatus(OrderStatusCode.INVOICED)
                .setP21Status("invoice_hdr " + invoice.getInvoiceNo())
                .setChangedAt(invoice.getChangedAt())
                .setPickTicketNo(null)
                .setLines(List.of())
                .build());
    }

    /**
     * {@code ar_receipts}: a cash receipt of the storefront order its {@code description} names, with the storefront
     * transaction id the p21-sink wrote as {@code check_no}; {@code delete_flag = 'Y'} is a receipt voided in P21.
     */
    public Optional<PaymentReceipt> receipt(RawEvent event) {
        JsonFields json = event.fields();
        String receiptNo = json.id("receipt_no");
        String row = "ar_receipts " + receiptNo;
        Optional<WebReference> reference = WebReference.parse(json.optionalText("description"), stores);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        boolean deleted = P21Flags.flag(json, "delete_flag", row, "payment-receipt");
        return Optional.of(PaymentReceipt.newBuilder()
                .setOrderKey(reference.get().orderKey())
                .setSource(reference.get().source())
                .setOrderId(reference.get().orderId())
                .setSourceEventId(event.eventId())
                .setEventTime(event.receivedAt())
                .setReceiptNo(receiptNo)
                .setP21OrderNo(json.optionalId("order_no"))
                .setInvoiceNo(json.optionalId("invoice_no"))
                .setTransactionId(json.optionalId("check_no"))
                .setAmount(amount(json, "receipt_amount"))
                .setPaymentType(json.optionalText("payment_type_id"))
                .setDeleted(deleted)
                .setChangedAt(json.instant("date_last_modified"))
                .build());
    }

    private static InvoiceKind kind(JsonFields json, String row) {
        String type = json.text("invoice_adjustment_type");
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "I" -> InvoiceKind.INVOICE;
            case "C" -> InvoiceKind.CREDIT_MEMO;
            default -> throw new MappingException(row + " has invoice_adjustment_type " + Echo.quoted(type)
                    + ", which the invoice mapping does not know (expected I for an invoice or C for a credit memo);"
                    + " check the row in P21, then replay this dead letter");
        };
    }

    private static BigDecimal amount(JsonFields json, String field) {
        return Money.of(json.decimal(field), () -> json.path(field));
    }

    private static BigDecimal amountOrZero(JsonFields json, String field) {
        BigDecimal value = json.optionalDecimal(field);
        return value == null ? Money.zero() : Money.of(value, () -> json.path(field));
    }
}
