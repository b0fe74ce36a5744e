package dev.p21bridge.p21;

import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Cancelled;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.RejectedByRisk;
import dev.p21bridge.p21.SalesOrderOutcome.Skipped;
import dev.p21bridge.p21.SalesOrderOutcome.Transient;
import dev.p21bridge.p21.SalesOrderOutcome.Unchanged;
import dev.p21bridge.p21.SalesOrderOutcome.Updated;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.p21client.TransactionResult;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one canonical order to P21 as a sales order, at most once per order key.
 *
 * <p>The guarantee rests on {@code web_reference_no}: every sales order the sink creates carries the order key there,
 * and the writer looks it up in {@code oe_hdr} before creating, so a redelivered, replayed or updated order finds
 * the order made before ({@link AlreadyExisted}). When a create fails in a way that may have been applied (no answer,
 * a 5xx after the commit, a success without an order number) the writer looks again at once: found means created,
 * not found means nothing was written and the order may be sent again ({@link Transient}). Creates of one key must
 * not run concurrently; the sink's per-key lanes see to that.
 *
 * <p>An update ({@code order.updated}) of an order P21 has is applied to it (docs/order-updates.md): a cancellation
 * cancels it, an edit changes it, both only while nothing has shipped. An update of an order P21 never had creates
 * it, as a lost {@code order.created} must not lose the order; a cancellation of one is refused, there being nothing
 * to cancel.
 *
 * <p>A new order the risk score holds is created on hold with the score's reasons; one it rejects is not created
 * ({@link RejectedByRisk}); see {@link RiskPolicy}.
 */
public final class SalesOrderWriter {

    private static final Logger log = LoggerFactory.getLogger(SalesOrderWriter.class);

    private final OrderLookups orders;
    private final P21TransactionClient transactions;
    private final CustomerResolver customers;
    private final P21OrderMapper mapper;
    private final P21ErrorPolicy policy;
    private final PayableOrderPolicy payable;
    private final P21OrderReader p21Orders;

    public SalesOrderWriter(OrderLookups orders, P21TransactionClient transactions, CustomerResolver customers,
                            P21OrderMapper mapper, P21ErrorPolicy policy, PayableOrderPolicy payable,
                            P21OrderReader p21Orders) {
        this.payable = payable;
        this.p21Orders = p21Orders;
        this.orders = orders;
        this.transactions = transactions;
        this.customers = customers;
        this.mapper = mapper;
        this.policy = policy;
    }

    /** Never throws for P21's failures: every one of them ends as an outcome. Looks the order up first. */
    public SalesOrderOutcome write(Order order) {
        return write(order, false);
    }

    /**
     * As {@link #write(Order)}; {@code unseen} says the caller knows P21 cannot have the order yet (a new order read
     * for the first time, docs/p21-calls.md), and then it is created without looking it up first.
     */
    public SalesOrderOutcome write(Order order, boolean unseen) {
        try {
            Optional<OrderRef> existing = unseen ? Optional.empty() : orders.find(order.getOrderKey());
            boolean cancellation = OrderChanges.isCancellation(order);
            if (existing.isEmpty()) {
                if (cancellation && order.getChangeType() == ChangeType.UPDATED) {
                    return new Rejected("P21 has no sales order with web_reference_no " + order.getOrderKey()
                            + ", so there is nothing to cancel; the storefront cancelled an order the bridge never"
                            + " created in P21 (check the dead letters of its creation)");
                }
                // only payable orders are created: looked at after the look-up, so an order in P21 stays found
                Optional<String> skip = payable.skipReason(order);
                if (skip.isPresent()) {
                    log.info("order {} not written to P21: {}", order.getOrderKey(), skip.get());
                    return new Skipped(skip.get());
                }
                Optional<String> rejection = RiskPolicy.rejection(order);
                if (rejection.isPresent()) {
                    log.info("order {} not written to P21: {}", order.getOrderKey(), rejection.get());
                    return new RejectedByRisk(rejection.get());
                }
                String customerId;
                try {
                    customerId = customers.resolve(order);
                } catch (P21CallException e) {
                    if (policy.classify(e) != P21ErrorPolicy.Verdict.TRANSIENT) {
                        throw e;
                    }
                    return new Transient(e.getMessage(), e.retryAfter(), true);
                }
                return create(order, customerId);
            }
            OrderRef ref = existing.get();
            if (order.getChangeType() == ChangeType.UPDATED) {
                return change(order, ref, cancellation);
            }
            String customerId = ref.customerId().orElseGet(() -> customers.resolve(order));
            log.info("order {} ({}) already in P21 as {}; nothing written", order.getOrderKey(),
                    order.getChangeType(), ref.orderNo());
            return new AlreadyExisted(ref.orderNo(), customerId, ref.createdAt().orElse(null));
        } catch (P21RejectedException e) {
            return new Rejected(e.getMessage());
        } catch (P21CallException e) {
            return policy.outcomeOf(e, Rejected::new, Transient::new);
        }
    }

    /**
     * An update of an order P21 has: cancelled when the storefront cancelled it, else changed when its lines, ship-to,
     * freight or tax differ from P21's; refused (a {@link Rejected} naming what changed) once goods have shipped. An
     * order P21 shows cancelled stays cancelled: a later edit is not applied ({@link Unchanged}).
     */
    private SalesOrderOutcome change(Order order, OrderRef ref, boolean cancellation) {
        String orderNo = ref.orderNo();
        Instant createdAt = ref.createdAt().orElse(null);
        P21OrderReader.State p21 = p21Orders.read(orderNo);
        if (p21.cancelled()) {
            String reason = cancellation ? "already cancelled in P21"
                    : "cancelled in P21; the storefront's later edit is not applied to a cancelled order";
            log.info("order {} (P21 {}) is {}", order.getOrderKey(), orderNo, reason);
            return new Unchanged(orderNo, customerOf(ref, order), createdAt, reason);
        }
        if (cancellation) {
            if (p21.shipped()) {
                return new Rejected("The storefront cancelled " + order.getOrderKey() + " but P21 order " + orderNo
                        + " has already shipped, so it cannot be cancelled; settle it in P21 (a return/RMA)");
            }
            policy.check(transactions.submit(mapper.cancellation(orderNo)));
            log.info("cancelled P21 order {} for {}", orderNo, order.getOrderKey());
            return new Cancelled(orderNo, customerOf(ref, order), createdAt);
        }
        List<String> changes = OrderChanges.describe(mapper, order, p21);
        if (changes.isEmpty()) {
            log.info("update of {} matches P21 order {}; nothing written", order.getOrderKey(), orderNo);
            return new AlreadyExisted(orderNo, customerOf(ref, order), createdAt);
        }
        String what = String.join("; ", changes);
        if (p21.shipped()) {
            return new Rejected("P21 order " + orderNo + " for " + order.getOrderKey()
                    + " has already shipped, so the storefront's edit was not applied; it changed: " + what);
        }
        policy.check(transactions.submit(mapper.orderChange(order, orderNo,
                p21.lines().stream().map(P21OrderReader.Line::lineNo).toList())));
        log.info("updated P21 order {} for {}: {}", orderNo, order.getOrderKey(), what);
        return new Updated(orderNo, customerOf(ref, order), createdAt, what);
    }

    /**
     * Whether P21 shows the order {@code orderNo} on hold and not cancelled: a risk-held order found again (its record
     * delivered twice) is recorded as held only while it still is, so an order already decided is not listed again.
     */
    public boolean stillHeld(String orderNo) {
        P21OrderReader.Approval approval = p21Orders.approval(orderNo);
        return approval.held() && !approval.cancelled();
    }

    private String customerOf(OrderRef ref, Order order) {
        return ref.customerId().orElseGet(() -> customers.resolve(order));
    }

    private SalesOrderOutcome create(Order order, String customerId) {
        TransactionResult result;
        try {
            // the score's hold names the risk; a pending payment's hold applies when the score lets the order pass
            result = policy.check(transactions.submit(mapper.salesOrder(order, customerId,
                    RiskPolicy.holdReason(order).or(() -> payable.holdReason(order)))));
        } catch (P21CallException e) {
            if (!policy.mayHaveBeenWritten(e)) {
                if (policy.classify(e) != P21ErrorPolicy.Verdict.TRANSIENT) {
                    throw e;
                }
                return new Transient(e.getMessage(), e.retryAfter(), true);
            }
            return lookAfterUnknownOutcome(order, customerId, e);
        }
        Optional<String> orderNo = result.edit(P21OrderMapper.ORDER_HEADER, "order_no");
        if (orderNo.isEmpty()) {
            return lookAfterUnknownOutcome(order, customerId,
                    new P21CallException(200, "P21 reported success without an order_no"));
        }
        log.info("created P21 order {} for {}", orderNo.get(), order.getOrderKey());
        return new Created(orderNo.get(), customerId, createdAt(result).orElse(null));
    }

    /**
     * P21's creation time when its answer carries {@code date_created}. P21's Transaction API does not usually answer
     * it, and it is not read back (a second call per order): the transformer takes the order's allocation time from
     * P21's own {@code oe_hdr} poll instead (docs/p21-calls.md).
     */
    private static Optional<Instant> createdAt(TransactionResult result) {
        return result.edit(P21OrderMapper.ORDER_HEADER, "date_created").flatMap(P21RecordFinder::instant);
    }

    private SalesOrderOutcome lookAfterUnknownOutcome(Order order, String customerId, P21CallException cause) {
        log.warn("outcome of creating {} unknown ({}); looking it up", order.getOrderKey(), cause.getMessage());
        Optional<OrderRef> found = orders.find(order.getOrderKey());
        if (found.isPresent()) {
            log.info("created P21 order {} for {} (found after the failed answer)", found.get().orderNo(),
                    order.getOrderKey());
            return new Created(found.get().orderNo(), found.get().customerId().orElse(customerId),
                    found.get().createdAt().orElse(null));
        }
        // P21 answered (a 500, a 503, a success without an order number): it is done with the request, so the look-up
        // just made is the truth and the next try needs no look-up of its own; after no answer, or a gateway's 502/504,
        // P21 may still be working on it, and every later try looks first
        return new Transient(cause.getMessage(), cause.retryAfter(), policy.answeredFinally(cause));
    }
}
