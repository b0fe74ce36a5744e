package dev.p21bridge.p21;

import java.time.Duration;

/** What became of one storefront return in P21. */
public sealed interface ReturnOutcome {

    /** The sink created the RMA {@code rmaNo} now. */
    record Created(String rmaNo) implements ReturnOutcome {
    }

    /** An RMA with the return's {@code web_reference_no} was already there; nothing was written. */
    record AlreadyExisted(String rmaNo) implements ReturnOutcome {
    }

    /** P21 has no sales order for the return yet; nothing was written. */
    record WaitingForOrder(String reason) implements ReturnOutcome {
    }

    /**
     * The return cannot become an RMA: P21 refused it, or it returns an item the order does not have or more than was
     * bought. {@code message} says which, for the dead letter.
     */
    record Rejected(String message) implements ReturnOutcome {
    }

    /** P21 could not be asked or did not answer usably; nothing is known to be written. */
    record Transient(String reason, Duration retryAfter) implements ReturnOutcome {
    }
}
