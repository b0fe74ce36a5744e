package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One {@code invoice_hdr} row. {@code adjustmentType} is {@code invoice_adjustment_type}: {@code I} bills a shipped
 * sales order, {@code C} is the credit memo of a received RMA ({@code orderNo} is then the RMA's number and the
 * amounts are negative). {@code amountPaid} is the sum of the order's live cash receipts, kept current as receipts
 * are entered and voided; a credit memo is paid by itself.
 */
public record P21Invoice(String invoiceNo, String orderNo, long customerId, LocalDate invoiceDate,
                         BigDecimal totalAmount, BigDecimal taxAmount, BigDecimal freightAmount, BigDecimal amountPaid,
                         String adjustmentType, Instant dateCreated, Instant dateLastModified) {

    static final String INVOICE = "I";
    static final String CREDIT_MEMO = "C";

    /** {@code paid_in_full_flag}: what was paid covers the total (always true of a credit memo). */
    public boolean paidInFull() {
        return amountPaid.compareTo(totalAmount) >= 0;
    }

    public boolean creditMemo() {
        return CREDIT_MEMO.equals(adjustmentType);
    }

    P21Invoice withAmountPaid(BigDecimal paid, Instant at) {
        return new P21Invoice(invoiceNo, orderNo, customerId, invoiceDate, totalAmount, taxAmount, freightAmount, paid,
                adjustmentType, dateCreated, at);
    }
}
