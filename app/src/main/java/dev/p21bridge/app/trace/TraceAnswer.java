package dev.p21bridge.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The answer to a trace, as {@code GET /api/trace} sends it and {@code ./bridge trace --json} prints it: the orders
 * matched (e-mails masked), and for each order its path oldest first, with the e-mail in full, and its state in P21
 * and in the storefront.
 *
 * @param traced the orders traced in full: the newest {@link OrderTracer#MAX_TRACED} of the matches
 */
public record TraceAnswer(String query, String queryKind, List<Match> matches, List<OrderTrace> traced) {

    /** One order a query led to; the e-mail masked, as in any list. */
    public record Match(String orderKey, String email, String p21OrderNo) {
    }

    /** One order's path and state. */
    public record OrderTrace(String orderKey, String email, String p21OrderNo, List<Step> path, State p21,
                             State storefront) {
    }

    /**
     * One record of the order.
     *
     * @param time       the record's Kafka timestamp, ISO-8601
     * @param record     the record as read back (canonical records decoded, webhook bodies as JSON); null when the
     *                   topic no longer holds it
     * @param deadLetter the reason, for a dead letter
     */
    public record Step(String time, String kind, String topic, int partition, long offset, String summary,
                       DeadLetterReason deadLetter, JsonNode record) {
    }

    /** Why a service gave up on a record (docs/contract.md, section 'Retries and dead letters'). */
    public record DeadLetterReason(String service, String errorClass, String reason, Integer attempts,
                                   String originalTopic) {
    }

    /**
     * What a system says of the order now.
     *
     * @param status found, not-found, not-configured or unreachable
     */
    public record State(String system, String status, JsonNode detail, String problem) {
    }
}
