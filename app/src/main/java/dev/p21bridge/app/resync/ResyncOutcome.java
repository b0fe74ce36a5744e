package dev.p21bridge.app.resync;

import dev.p21bridge.platform.topics.Topics;

/** What became of a request to re-sync one order ({@link OrderResync#resend}); each says it in one line. */
public sealed interface ResyncOutcome {

    String orderKey();

    /** The line an operator reads: on the terminal, on the console's page and in the API's answer. */
    String message();

    /** The latest record was written to {@code bridge.resync.orders}; the p21-sink takes it from there. */
    record Resent(String orderKey, int partition, long sourceOffset, long offset, long requestedAt)
            implements ResyncOutcome {
        @Override
        public String message() {
            return "re-sent " + orderKey + " (offset " + sourceOffset + " of " + Topics.CANONICAL_ORDERS.name()
                    + ") to " + Topics.RESYNC_ORDERS.name();
        }
    }

    /** {@code canonical.orders} holds no record of the key. */
    record Unknown(String orderKey) implements ResyncOutcome {
        @Override
        public String message() {
            return "no canonical order for key " + orderKey + " in " + Topics.CANONICAL_ORDERS.name()
                    + " (never mapped, or older than the topic's retention)";
        }
    }

    /**
     * The live lane has not processed the latest record yet. Refused: the live lane may create a new order without
     * looking it up first (docs/p21-calls.md), so a re-sync racing ahead of it could make a second P21 order; the
     * order reaches P21 without help once the live lane gets to it.
     *
     * @param committed the p21-sink's committed offset on the record's partition; -1 when it has none
     */
    record Pending(String orderKey, int partition, long sourceOffset, long committed) implements ResyncOutcome {
        @Override
        public String message() {
            return "not re-sent: the p21-sink has not processed " + orderKey + "'s latest record yet (offset "
                    + sourceOffset + " of " + Topics.CANONICAL_ORDERS.name() + "-" + partition + ", processed "
                    + (committed < 0 ? "nothing" : "up to " + committed) + "); it reaches P21 without a re-sync,"
                    + " try again if it has not once the p21-sink has caught up";
        }
    }
}
