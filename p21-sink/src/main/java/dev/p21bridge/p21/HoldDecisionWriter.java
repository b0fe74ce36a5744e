package dev.p21bridge.p21;

import dev.p21bridge.p21.P21Delivery.Step;
import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an operator's decision on a held order ({@code bridge.holds}, docs/risk.md "Holds") to P21: approved
 * releases the order ({@code approved} Y), rejected cancels it ({@code cancel_flag}; P21 releases its allocation and
 * the P21 poll's cancelled status then cancels it in the storefront). The outcome, {@code released} or
 * {@code cancelled}, is written back to {@code bridge.holds} and awaited.
 *
 * <p>Exactly once in effect: P21's flags are read first, so a decision delivered again (the sink stopped before it
 * committed) finds the order released or cancelled and only writes the outcome again. A decision on an order P21 does
 * not show yet waits in the retry topics; a refusal by P21 (an order shipped meanwhile) is a dead letter with its words.
 */
final class HoldDecisionWriter {

    private static final Logger log = LoggerFactory.getLogger(HoldDecisionWriter.class);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(30);

    private final OrderLookups orders;
    private final P21OrderReader p21Orders;
    private final P21TransactionClient transactions;
    private final P21OrderMapper mapper;
    private final P21ErrorPolicy policy;
    private final Producer<String, byte[]> producer;

    HoldDecisionWriter(OrderLookups orders, P21OrderReader p21Orders, P21TransactionClient transactions,
                       P21OrderMapper mapper, P21ErrorPolicy policy, Producer<String, byte[]> producer) {
        this.orders = orders;
        this.p21Orders = p21Orders;
        this.transactions = transactions;
        this.mapper = mapper;
        this.policy = policy;
        this.producer = producer;
    }

    Step apply(Hold hold) {
        if (!hold.state().isDecision()) {
            // the sink's own records (held, released, cancelled) on the same topic
            return new Step.Done("ignored");
        }
        try {
            Optional<OrderRef> found = orders.find(hold.orderKey());
            if (found.isEmpty()) {
                return new Step.Retry("P21 has no order with web_reference_no " + hold.orderKey() + " yet, so the "
                        + hold.state().text() + " decision waits for it", Duration.ZERO, "waiting");
            }
            String orderNo = found.get().orderNo();
            P21OrderReader.Approval approval = p21Orders.approval(orderNo);
            Hold outcome = hold.state() == HoldState.APPROVED ? release(hold, orderNo, approval)
                    : cancel(hold, orderNo, approval);
            return written(outcome);
        } catch (P21RejectedException e) {
            return new Step.DeadLetter(ErrorClass.REJECTED_BY_TARGET, "P21 refused the " + hold.state().text()
                    + " decision on " + hold.orderKey() + ": " + e.getMessage(), "rejected");
        } catch (P21CallException e) {
            return policy.outcomeOf(e,
                    message -> new Step.DeadLetter(ErrorClass.REJECTED_BY_TARGET, message, "rejected"),
                    (reason, retryAfter) -> new Step.Retry(reason, retryAfter, "transient"));
        }
    }

    private Hold release(Hold hold, String orderNo, P21OrderReader.Approval approval) {
        if (approval.cancelled()) {
            log.info("approval of {}: P21 order {} was cancelled in P21 meanwhile", hold.orderKey(), orderNo);
            return hold.applied(HoldState.CANCELLED, "approved, but P21 order " + orderNo + " was cancelled in P21");
        }
        if (!approval.held()) {
            return hold.applied(HoldState.RELEASED, "P21 order " + orderNo + " was already released");
        }
        policy.check(transactions.submit(mapper.release(orderNo)));
        log.info("released P21 order {} of {} (approved by {})", orderNo, hold.orderKey(), hold.decidedBy());
        return hold.applied(HoldState.RELEASED, "released P21 order " + orderNo);
    }

    private Hold cancel(Hold hold, String orderNo, P21OrderReader.Approval approval) {
        if (approval.cancelled()) {
            return hold.applied(HoldState.CANCELLED, "P21 order " + orderNo + " was already cancelled");
        }
        policy.check(transactions.submit(mapper.cancellation(orderNo)));
        log.info("cancelled P21 order {} of {} (rejected by {})", orderNo, hold.orderKey(), hold.decidedBy());
        return hold.applied(HoldState.CANCELLED, "cancelled P21 order " + orderNo);
    }

    /** The outcome on {@code bridge.holds}, awaited; not acknowledged in time, the decision is tried again. */
    private Step written(Hold outcome) {
        try {
            producer.send(new ProducerRecord<>(Topics.HOLDS.name(), outcome.orderKey(), outcome.toJson()))
                    .get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return new Step.Done(outcome.state().text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Step.Retry("interrupted while writing the hold of " + outcome.orderKey(), Duration.ZERO,
                    "transient");
        } catch (ExecutionException | TimeoutException e) {
            return new Step.Retry("could not write the " + outcome.state().text() + " hold of " + outcome.orderKey()
                    + ": " + e, Duration.ZERO, "transient");
        }
    }
}
