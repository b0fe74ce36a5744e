package dev.p21bridge.p21;

import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21.P21RecordFinder.ReceiptRef;
import dev.p21bridge.p21.PaymentOutcome.AlreadyRecorded;
import dev.p21bridge.p21.PaymentOutcome.Recorded;
import dev.p21bridge.p21.PaymentOutcome.Rejected;
import dev.p21bridge.p21.PaymentOutcome.Transient;
import dev.p21bridge.p21.PaymentOutcome.WaitingForOrder;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.p21client.TransactionResult;
import dev.p21bridge.schemas.PaymentCapture;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one storefront payment in P21 as a cash receipt against its sales order, at most once per storefront
 * transaction id. As {@link SalesOrderWriter} does with {@code web_reference_no}, the writer looks for a receipt
 * carrying the transaction id ({@code check_no}) and the order key ({@code description}) before writing, and looks
 * again when a write may have been applied without an answer. A payment whose order P21 does not have yet is not
 * written ({@link WaitingForOrder}): it waits in the retry levels for the order, never becoming a receipt without one.
 */
public final class PaymentWriter {

    private static final Logger log = LoggerFactory.getLogger(PaymentWriter.class);

    private final P21RecordFinder finder;
    private final OrderLookups orders;
    private final P21TransactionClient transactions;
    private final P21CashMapper mapper;
    private final P21ErrorPolicy policy;

    public PaymentWriter(P21RecordFinder finder, OrderLookups orders, P21TransactionClient transactions,
                         P21CashMapper mapper, P21ErrorPolicy policy) {
        this.finder = finder;
        this.orders = orders;
        this.transactions = transactions;
        this.mapper = mapper;
        this.policy = policy;
    }

    /** Never throws for P21's failures: every one of them ends as an outcome. */
    public PaymentOutcome write(PaymentCapture payment) {
        String transactionId = payment.getPayment().getTransactionId();
        try {
            Optional<ReceiptRef> existing = receiptOf(payment);
            if (existing.isPresent()) {
                log.info("payment {} of {} already recorded in P21 as receipt {}{}", transactionId,
                        payment.getOrderKey(), existing.get().receiptNo(), existing.get().deleted() ? " (voided)" : "");
                return new AlreadyRecorded(existing.get().receiptNo());
            }
            Optional<OrderRef> order = orders.find(payment.getOrderKey());
            if (order.isEmpty()) {
                return new WaitingForOrder("P21 has no sales order with web_reference_no " + payment.getOrderKey()
                        + " for payment " + transactionId + " (" + payment.getPayment().getAmount().toPlainString()
                        + "): the order has not reached P21, was not payable (see canonical.order-confirmations) or"
                        + " failed (see the p21-sink dead letters); replay this payment once the order is in P21");
            }
            String orderNo = order.get().orderNo();
            return record(payment, orderNo, order.get().customerId(), finder.findInvoiceNo(orderNo));
        } catch (P21RejectedException e) {
            return new Rejected(e.getMessage());
        } catch (P21CallException e) {
            return policy.outcomeOf(e, Rejected::new, Transient::new);
        }
    }

    private PaymentOutcome record(PaymentCapture payment, String orderNo, Optional<String> customerId,
                                  Optional<String> invoiceNo) {
        TransactionResult result;
        try {
            result = policy.check(transactions.submit(mapper.receipt(payment, orderNo, customerId, invoiceNo)));
        } catch (P21CallException e) {
            if (!policy.mayHaveBeenWritten(e)) {
                throw e;
            }
            return lookAfterUnknownOutcome(payment, e);
        }
        Optional<String> receiptNo = result.edit(P21CashMapper.RECEIPT_HEADER, "receipt_no");
        if (receiptNo.isEmpty()) {
            return lookAfterUnknownOutcome(payment, new P21CallException(200, "P21 reported success without a receipt_no"));
        }
        log.info("recorded payment {} of {} as P21 receipt {} on order {}", payment.getPayment().getTransactionId(),
                payment.getOrderKey(), receiptNo.get(), orderNo);
        return new Recorded(receiptNo.get());
    }

    private PaymentOutcome lookAfterUnknownOutcome(PaymentCapture payment, P21CallException cause) {
        log.warn("outcome of recording payment {} of {} unknown ({}); looking it up",
                payment.getPayment().getTransactionId(), payment.getOrderKey(), cause.getMessage());
        return receiptOf(payment).<PaymentOutcome>map(found -> new Recorded(found.receiptNo()))
                .orElseGet(() -> new Transient(cause.getMessage(), cause.retryAfter()));
    }

    private Optional<ReceiptRef> receiptOf(PaymentCapture payment) {
        List<ReceiptRef> found = finder.findReceipts(payment.getPayment().getTransactionId(), payment.getOrderKey());
        return found.stream().filter(receipt -> !receipt.deleted()).findFirst().or(() -> found.stream().findFirst());
    }
}
