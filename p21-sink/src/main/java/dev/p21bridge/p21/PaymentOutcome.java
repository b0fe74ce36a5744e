package dev.p21bridge.p21;

import java.time.Duration;

/** What became of one storefront payment (a capture or a refund) in P21. */
public sealed interface PaymentOutcome {

    /** The sink recorded the cash receipt {@code receiptNo} now. */
    record Recorded(String receiptNo) implements PaymentOutcome {
    }

    /** A receipt with the payment's transaction id was already there (voided ones too); nothing was written. */
    record AlreadyRecorded(String receiptNo) implements PaymentOutcome {
    }

    /**
     * P21 has no sales order for the payment yet: it arrived first, or its order is still on its way (or will never
     * exist, which the retry levels find out). Nothing was written.
     */
    record WaitingForOrder(String reason) implements PaymentOutcome {
    }

    /** P21 refused the receipt for a business reason; {@code message} is P21's. */
    record Rejected(String message) implements PaymentOutcome {
    }

    /** P21 could not be asked or did not answer usably; nothing is known to be written. */
    record Transient(String reason, Duration retryAfter) implements PaymentOutcome {
    }
}
