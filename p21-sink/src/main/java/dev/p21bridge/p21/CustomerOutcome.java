package dev.p21bridge.p21;

import java.time.Duration;
import java.util.Set;

/** What became of one storefront customer change in P21's customer master. */
public sealed interface CustomerOutcome {

    /** P21 had no customer with the e-mail; the sink created it now (or found it created after an unknown outcome). */
    record Created(String customerId) implements CustomerOutcome {
    }

    /** The customer existed and showed other values; {@code columns} were sent, nothing else. */
    record Updated(String customerId, Set<String> columns) implements CustomerOutcome {
    }

    /** The customer already showed every given field: no call was made. A redelivered change ends here. */
    record AlreadyCurrent(String customerId) implements CustomerOutcome {
    }

    /** P21 refused the change for a business reason; {@code message} is P21's. Trying again cannot help. */
    record Rejected(String message) implements CustomerOutcome {
    }

    /** P21 could not be asked or did not answer usably; try again later. {@code retryAfter} zero when unsaid. */
    record Transient(String reason, Duration retryAfter) implements CustomerOutcome {
    }
}
