package dev.p21bridge.p21;

/** What became of one canonical order in P21. */
public sealed interface SalesOrderOutcome {

    /** The sink created the sales order now. */
    record Created(String orderNo, String customerId) implements SalesOrderOutcome {
    }

    /** A sales order with the order key in {@code web_reference_no} was already there; nothing was written. */
    record AlreadyExisted(String orderNo, String customerId) implements SalesOrderOutcome {
    }

    /** P21 refused the order for a business reason; {@code message} is P21's. Trying again cannot help. */
    record Rejected(String message) implements SalesOrderOutcome {
    }

    /** P21 could not be asked or did not answer usably; try again later (nothing is known to be written). */
    record Transient(String reason) implements SalesOrderOutcome {
    }
}
