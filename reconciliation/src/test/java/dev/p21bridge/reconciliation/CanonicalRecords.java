package dev.p21bridge.reconciliation;

import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.InvoiceKind;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The five kinds of canonical record the reconciliation reads, as small as their schemas allow. */
final class CanonicalRecords {

    static final Instant AT = Instant.parse("2026-03-02T15:00:00Z");

    private CanonicalRecords() {
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(4);
    }

    static Order order(String key, String total, Instant orderDate) {
        return order(key, total, orderDate, AT);
    }

    static Order order(String key, String total, Instant orderDate, Instant eventTime) {
        String id = key.substring(key.indexOf(':') + 1);
        return Order.newBuilder().setOrderKey(key).setSource(Source.XCART).setSourceEventId("evt-" + key + "-" + eventTime)
                .setChangeType(ChangeType.CREATED).setEventTime(eventTime).setOrderId(id).setOrderDate(orderDate)
                .setCustomer(Contact.newBuilder().setEmail("buyer@example.com").build())
                .setLines(List.of(OrderLine.newBuilder().setLineNumber(1).setSku("SKU-1").setP21ItemId("SKU-1")
                        .setQuantity(money("1")).setUnitPrice(money(total)).setTax(money("0"))
                        .setExtendedPrice(money(total)).build()))
                .setTotals(Totals.newBuilder().setSubtotal(money(total)).setDiscount(money("0")).setTax(money("0"))
                        .setShipping(money("0")).setTotal(money(total)).build())
                .setCurrency("USD")
                .setPayment(PaymentInfo.newBuilder().setStatus(PaymentStatus.PAID).build())
                .setFulfillmentStatus(FulfillmentStatus.NEW)
                .setP21(P21OrderDefaults.newBuilder().setSalesLocationId("10").setSourceLocationId("10").setTaker("WEB")
                        .setRequestedDate(LocalDate.of(2026, 3, 3)).build())
                .build();
    }

    static PaymentCapture capture(String key, String transactionId, String amount) {
        return payment(key, transactionId, amount, PaymentKind.CAPTURE);
    }

    /** A refund as the transformer writes it: amount negative. */
    static PaymentCapture refund(String key, String transactionId, String amount) {
        return payment(key, transactionId, "-" + amount, PaymentKind.REFUND);
    }

    private static PaymentCapture payment(String key, String transactionId, String amount, PaymentKind kind) {
        return PaymentCapture.newBuilder().setOrderKey(key).setSource(Source.XCART)
                .setOrderId(key.substring(key.indexOf(':') + 1)).setSourceEventId("evt-" + transactionId)
                .setEventTime(AT).setCapturedAt(AT).setCurrency("USD")
                .setPayment(PaymentInfo.newBuilder().setMethod("Credit Card").setTransactionId(transactionId)
                        .setAmount(money(amount)).setStatus(PaymentStatus.PAID).build())
                .setKind(kind).build();
    }

    static PaymentReceipt receipt(String key, String receiptNo, String transactionId, String amount) {
        return receipt(key, receiptNo, transactionId, amount, false, AT);
    }

    static PaymentReceipt receipt(String key, String receiptNo, String transactionId, String amount, boolean deleted,
                                  Instant changedAt) {
        return PaymentReceipt.newBuilder().setOrderKey(key).setSource(Source.P21)
                .setOrderId(key.substring(key.indexOf(':') + 1)).setSourceEventId("ar_receipts:" + receiptNo + ":" + changedAt)
                .setEventTime(changedAt).setReceiptNo(receiptNo).setP21OrderNo("5001").setTransactionId(transactionId)
                .setAmount(money(amount)).setDeleted(deleted).setChangedAt(changedAt).build();
    }

    static Invoice invoice(String key, String invoiceNo, String total) {
        return invoice(key, invoiceNo, InvoiceKind.INVOICE, total);
    }

    /** A credit memo as P21 has it: total negative. */
    static Invoice creditMemo(String key, String invoiceNo, String total) {
        return invoice(key, invoiceNo, InvoiceKind.CREDIT_MEMO, "-" + total);
    }

    private static Invoice invoice(String key, String invoiceNo, InvoiceKind kind, String total) {
        return Invoice.newBuilder().setOrderKey(key).setSource(Source.XCART)
                .setOrderId(key.substring(key.indexOf(':') + 1)).setSourceEventId("invoice_hdr:" + invoiceNo)
                .setEventTime(AT).setKind(kind).setInvoiceNo(invoiceNo).setP21OrderNo("5001").setInvoiceDate(AT)
                .setTotalAmount(money(total)).setTaxAmount(money("0")).setAmountPaid(money("0")).setPaidInFull(false)
                .setChangedAt(AT).build();
    }

    static OrderConfirmation confirmation(String key, String p21OrderNo) {
        return OrderConfirmation.newBuilder().setOrderKey(key).setSource(Source.XCART)
                .setOrderId(key.substring(key.indexOf(':') + 1)).setP21OrderNo(p21OrderNo).setP21CustomerId("100045")
                .setSourceEventId("evt-" + key).setConfirmedAt(AT).setAlreadyExisted(false).build();
    }

    static OrderConfirmation skipped(String key, String reason) {
        return OrderConfirmation.newBuilder(confirmation(key, "")).setP21CustomerId("").setSkippedReason(reason).build();
    }
}
