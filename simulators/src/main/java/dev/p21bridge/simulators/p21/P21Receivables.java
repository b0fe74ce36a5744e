package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Accounts receivable in the simulated P21: invoicing a shipped order, and keeping each invoice's
 * {@code amount_paid} equal to the sum of its order's live cash receipts as receipts are entered, voided and entered
 * twice. Every method runs inside one {@link P21Store#write} and validates before it changes anything; a refusal is a
 * {@link P21ControlException} (404 unknown, 409 in the wrong state).
 */
final class P21Receivables {

    private P21Receivables() {
    }

    /**
     * Invoices a shipped sales order for its whole total (what P21 invoices: lines, freight and tax), counting the
     * receipts entered before; the order's status becomes {@code invoiced}. 409 when nothing has shipped, when the
     * order is invoiced already, or for an RMA (credited when received instead).
     */
    static P21Invoice invoice(P21State state, String orderNo, Instant at) {
        P21Order order = state.order(orderNo)
                .orElseThrow(() -> P21ControlException.notFound("order_no " + orderNo + " not found"));
        if (order.rma()) {
            throw P21ControlException.conflict("order " + orderNo + " is an RMA; it is credited when it is received");
        }
        if (order.invoiced() || state.invoiceOfOrder(orderNo).isPresent()) {
            throw P21ControlException.conflict("order " + orderNo + " is invoiced already");
        }
        if (!order.anyShipped()) {
            throw P21ControlException.conflict("order " + orderNo + " has not shipped (status " + order.status() + ")");
        }
        P21Invoice invoice = new P21Invoice(state.takeInvoiceNo(), orderNo, order.customerId(), today(at),
                order.total(), order.taxAmount(), order.freightOut(), paidOn(state, orderNo), P21Invoice.INVOICE, at,
                at);
        state.putInvoice(invoice);
        state.putOrder(order.withInvoice(at));
        return invoice;
    }

    /** Stores a new receipt and brings its order's invoice (when there is one) up to date. */
    static void enter(P21State state, P21Receipt receipt, Instant at) {
        state.putReceipt(receipt);
        refreshAmountPaid(state, receipt.orderNo(), at);
    }

    /** Voids a receipt as a P21 user does ({@code delete_flag = 'Y'}); 404 unknown, 409 voided already. */
    static P21Receipt voidReceipt(P21State state, String receiptNo, Instant at) {
        P21Receipt receipt = live(state, receiptNo);
        P21Receipt voided = receipt.voided(at);
        state.putReceipt(voided);
        refreshAmountPaid(state, voided.orderNo(), at);
        return voided;
    }

    /** Enters a live receipt a second time under a new number, as a double entry would; 404 unknown, 409 voided. */
    static P21Receipt duplicate(P21State state, String receiptNo, Instant at) {
        P21Receipt copy = live(state, receiptNo).copy(state.takeReceiptNo(), at);
        enter(state, copy, at);
        return copy;
    }

    private static P21Receipt live(P21State state, String receiptNo) {
        P21Receipt receipt = state.receipt(receiptNo)
                .orElseThrow(() -> P21ControlException.notFound("receipt_no " + receiptNo + " not found"));
        if (receipt.deleted()) {
            throw P21ControlException.conflict("receipt " + receiptNo + " is voided");
        }
        return receipt;
    }

    /** Sets the order's invoice's {@code amount_paid} to its live receipts' sum, bumping the row if it changed. */
    private static void refreshAmountPaid(P21State state, String orderNo, Instant at) {
        if (orderNo == null) {
            return;
        }
        state.invoiceOfOrder(orderNo).filter(invoice -> !invoice.creditMemo()).ifPresent(invoice -> {
            BigDecimal paid = paidOn(state, orderNo);
            if (paid.compareTo(invoice.amountPaid()) != 0) {
                state.putInvoice(invoice.withAmountPaid(paid, at));
            }
        });
    }

    private static BigDecimal paidOn(P21State state, String orderNo) {
        return state.receiptsOf(orderNo).stream().filter(r -> !r.deleted()).map(P21Receipt::receiptAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static LocalDate today(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
