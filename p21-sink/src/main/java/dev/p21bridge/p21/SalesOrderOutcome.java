package dev.p21bridge.p21;

import java.time.Duration;
import java.time.Instant;

/** What became of one canonical order in P21. */
public sealed interface SalesOrderOutcome {

    /**
     * The sink created the sales order now. {@code p21CreatedAt} is P21's {@code oe_hdr.date_created} when P21 told
     * it, else null; the transformer uses it to know which stock readings contain the order's allocation.
     */
    record Created(String orderNo, String customerId, Instant p21CreatedAt) implements SalesOrderOutcome {
    }

    /** A sales order with the order key in {@code web_reference_no} was already there; nothing was written. */
    record AlreadyExisted(String orderNo, String customerId, Instant p21CreatedAt) implements SalesOrderOutcome {
    }

    /**
     * The order is not payable ({@link PayableOrderPolicy}) and was not in P21: nothing was written, no customer
     * either. {@code reason} says why, for the record on {@code canonical.order-confirmations}.
     */
    record Skipped(String reason) implements SalesOrderOutcome {
    }

    /**
     * The transformer's risk score rejected the new order ({@link RiskPolicy}): nothing was written to P21. The sink
     * records {@code reason} as a skip and has the storefront cancel the order.
     */
    record RejectedByRisk(String reason) implements SalesOrderOutcome {
    }

    /**
     * A storefront edit changed the open P21 order {@code orderNo}; {@code changes} says what, for the log. The
     * customer and creation time are the order's, as in {@link AlreadyExisted}.
     */
    record Updated(String orderNo, String customerId, Instant p21CreatedAt, String changes)
            implements SalesOrderOutcome {
    }

    /** A storefront cancellation cancelled the P21 order {@code orderNo}, releasing its allocation. */
    record Cancelled(String orderNo, String customerId, Instant p21CreatedAt) implements SalesOrderOutcome {
    }

    /**
     * Nothing was written and nothing needs to be: the P21 order {@code orderNo} is cancelled already, so a
     * cancellation is done and an edit has no order left to change. {@code reason} says which.
     */
    record Unchanged(String orderNo, String customerId, Instant p21CreatedAt, String reason)
            implements SalesOrderOutcome {
    }

    /** P21 refused the order for a business reason; {@code message} is P21's. Trying again cannot help. */
    record Rejected(String message) implements SalesOrderOutcome {
    }

    /**
     * P21 could not be asked or did not answer usably; try again later (nothing is known to be written).
     *
     * @param retryAfter how long P21 asked to wait, zero when it did not say
     * @param untouched true when P21 surely holds no order from this try: the create was not sent, P21 refused it
     *                  before applying it, or P21 answered a failure and a look-up right after found nothing; a first
     *                  try's knowledge that P21 lacks the order then still holds for the next try
     */
    record Transient(String reason, Duration retryAfter, boolean untouched) implements SalesOrderOutcome {

        public Transient(String reason, Duration retryAfter) {
            this(reason, retryAfter, false);
        }

        public Transient(String reason) {
            this(reason, Duration.ZERO);
        }
    }
}
