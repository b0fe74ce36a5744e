package dev.p21bridge.p21;

import dev.p21bridge.p21.P21Delivery.Step;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.ReturnLine;
import dev.p21bridge.schemas.ReturnRequest;
import java.time.Duration;

/**
 * How a payment's and a return's outcomes in P21 become steps of their {@link P21Delivery}: what is checked before
 * P21 is asked, which outcomes are done, which are dead letters and of what class, and that one waiting for its
 * order goes through the retry levels (its {@code retries-exhausted} dead letter, after the last level, says that
 * the order never came).
 */
final class CashSteps {

    private CashSteps() {
    }

    static Step payment(PaymentWriter writer, PaymentCapture payment) {
        String transactionId = payment.getPayment().getTransactionId();
        if (payment.getKind() == PaymentKind.UNKNOWN) {
            return new Step.DeadLetter(ErrorClass.MAPPING, "payment of " + payment.getOrderKey() + " has a kind this"
                    + " p21-sink does not know (a newer writer added it); upgrade the p21-sink, then replay this dead"
                    + " letter", "rejected");
        }
        if (transactionId == null || transactionId.isBlank()) {
            return new Step.DeadLetter(ErrorClass.VALIDATION, "payment of " + payment.getOrderKey() + " has no"
                    + " storefront transaction id, which P21's receipt is found by (check_no); correct the"
                    + " transformer's mapping of the store's payment event, then replay it", "rejected");
        }
        if (payment.getPayment().getAmount() == null || payment.getPayment().getAmount().signum() == 0) {
            return new Step.DeadLetter(ErrorClass.VALIDATION, "payment " + transactionId + " of "
                    + payment.getOrderKey() + " has no amount; nothing can be recorded in P21", "rejected");
        }
        PaymentOutcome outcome = writer.write(payment);
        if (outcome instanceof PaymentOutcome.Recorded) {
            return new Step.Done("recorded");
        }
        if (outcome instanceof PaymentOutcome.AlreadyRecorded) {
            return new Step.Done("existing");
        }
        if (outcome instanceof PaymentOutcome.WaitingForOrder waiting) {
            return new Step.Retry(waiting.reason(), Duration.ZERO, "waiting");
        }
        if (outcome instanceof PaymentOutcome.Rejected rejected) {
            return new Step.DeadLetter(ErrorClass.REJECTED_BY_TARGET, rejected.message(), "rejected");
        }
        PaymentOutcome.Transient failure = (PaymentOutcome.Transient) outcome;
        return new Step.Retry(failure.reason(), failure.retryAfter(), "transient");
    }

    static Step returned(ReturnWriter writer, ReturnRequest request) {
        if (request.getLines().isEmpty()) {
            return new Step.DeadLetter(ErrorClass.VALIDATION, "return " + request.getReturnId() + " of "
                    + request.getOrderKey() + " has no lines; nothing to return", "rejected");
        }
        for (ReturnLine line : request.getLines()) {
            if (line.getQuantity() == null || line.getQuantity().signum() <= 0) {
                return new Step.DeadLetter(ErrorClass.VALIDATION, "return " + request.getReturnId() + " of "
                        + request.getOrderKey() + " returns " + line.getQuantity() + " of SKU " + line.getSku()
                        + "; a returned quantity must be positive", "rejected");
            }
        }
        ReturnOutcome outcome = writer.write(request);
        if (outcome instanceof ReturnOutcome.Created) {
            return new Step.Done("created");
        }
        if (outcome instanceof ReturnOutcome.AlreadyExisted) {
            return new Step.Done("existing");
        }
        if (outcome instanceof ReturnOutcome.WaitingForOrder waiting) {
            return new Step.Retry(waiting.reason(), Duration.ZERO, "waiting");
        }
        if (outcome instanceof ReturnOutcome.Rejected rejected) {
            return new Step.DeadLetter(ErrorClass.REJECTED_BY_TARGET, rejected.message(), "rejected");
        }
        ReturnOutcome.Transient failure = (ReturnOutcome.Transient) outcome;
        return new Step.Retry(failure.reason(), failure.retryAfter(), "transient");
    }
}
