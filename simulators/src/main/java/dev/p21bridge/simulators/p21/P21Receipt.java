package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One {@code ar_receipts} row: money received from (or, negative, paid back to) a customer against an order.
 * {@code checkNo} carries the storefront's transaction id and {@code description} the storefront order key, which is
 * how the bridge finds a receipt it entered before. A voided receipt stays, with {@code delete_flag = 'Y'}.
 */
public record P21Receipt(String receiptNo, long customerId, String orderNo, String invoiceNo, String paymentTypeId,
                         BigDecimal receiptAmount, String checkNo, String description, LocalDate receiptDate,
                         boolean deleted, Instant dateCreated, Instant dateLastModified) {

    P21Receipt voided(Instant at) {
        return new P21Receipt(receiptNo, customerId, orderNo, invoiceNo, paymentTypeId, receiptAmount, checkNo,
                description, receiptDate, true, dateCreated, at);
    }

    /** The same receipt entered a second time under {@code number}, as a double entry in Cash Receipts would be. */
    P21Receipt copy(String number, Instant at) {
        return new P21Receipt(number, customerId, orderNo, invoiceNo, paymentTypeId, receiptAmount, checkNo,
                description, receiptDate, false, at, at);
    }
}
