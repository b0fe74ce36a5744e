package dev.p21bridge.p21;

import dev.p21bridge.p21.P21CashMapper.RmaLine;
import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21.ReturnOutcome.AlreadyExisted;
import dev.p21bridge.p21.ReturnOutcome.Created;
import dev.p21bridge.p21.ReturnOutcome.Rejected;
import dev.p21bridge.p21.ReturnOutcome.Transient;
import dev.p21bridge.p21.ReturnOutcome.WaitingForOrder;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.p21client.TransactionResult;
import dev.p21bridge.schemas.ReturnLine;
import dev.p21bridge.schemas.ReturnRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one storefront return into a P21 RMA linked to the original sales order, at most once per storefront return
 * id: the RMA carries {@code <source>:<order id>:<return id>} in {@code web_reference_no}, looked up before writing
 * and again after a write without an answer. Before writing, the return is checked against P21's order: an item the
 * order does not have, or more of an item than was bought, is {@link Rejected} with a sentence naming it. Each RMA
 * line is priced at what the customer paid for the item (P21's price less its share of the order's discount), so the
 * credit P21 gives is never more than was paid for the goods.
 */
public final class ReturnWriter {

    private static final Logger log = LoggerFactory.getLogger(ReturnWriter.class);

    private final OrderLookups orders;
    private final P21OrderReader p21Orders;
    private final P21TransactionClient transactions;
    private final P21CashMapper mapper;
    private final P21ErrorPolicy policy;

    public ReturnWriter(OrderLookups orders, P21OrderReader p21Orders, P21TransactionClient transactions,
                        P21CashMapper mapper, P21ErrorPolicy policy) {
        this.orders = orders;
        this.p21Orders = p21Orders;
        this.transactions = transactions;
        this.mapper = mapper;
        this.policy = policy;
    }

    /** Never throws for P21's failures: every one of them ends as an outcome. */
    public ReturnOutcome write(ReturnRequest request) {
        String reference = P21CashMapper.rmaReference(request);
        try {
            Optional<OrderRef> rma = orders.find(reference);
            if (rma.isPresent()) {
                log.info("return {} already in P21 as RMA {}", reference, rma.get().orderNo());
                return new AlreadyExisted(rma.get().orderNo());
            }
            Optional<OrderRef> order = orders.find(request.getOrderKey());
            if (order.isEmpty()) {
                return new WaitingForOrder("P21 has no sales order with web_reference_no " + request.getOrderKey()
                        + " for return " + request.getReturnId() + ": the order has not reached P21, was not payable"
                        + " or failed (see canonical.order-confirmations and the p21-sink dead letters); replay this"
                        + " return once the order is in P21");
            }
            P21OrderReader.State p21 = p21Orders.read(order.get().orderNo());
            List<RmaLine> lines = new ArrayList<>();
            Optional<String> refusal = linesOf(request, p21, lines);
            if (refusal.isPresent()) {
                return new Rejected(refusal.get());
            }
            return create(request, reference, p21.orderNo(), order.get().customerId(), lines);
        } catch (P21RejectedException e) {
            return new Rejected(e.getMessage());
        } catch (P21CallException e) {
            return policy.outcomeOf(e, Rejected::new, Transient::new);
        }
    }

    /**
     * Fills {@code lines} with one RMA line per returned item (quantities of one item on several return lines
     * summed), or answers why the return does not fit the order.
     */
    static Optional<String> linesOf(ReturnRequest request, P21OrderReader.State p21, List<RmaLine> lines) {
        Map<String, BigDecimal> returned = new LinkedHashMap<>();
        Map<String, String> skus = new LinkedHashMap<>();
        for (ReturnLine line : request.getLines()) {
            returned.merge(line.getP21ItemId(), line.getQuantity(), BigDecimal::add);
            skus.putIfAbsent(line.getP21ItemId(), line.getSku());
        }
        for (Map.Entry<String, BigDecimal> item : returned.entrySet()) {
            List<P21OrderReader.Line> ordered = p21.lines().stream()
                    .filter(line -> line.itemId().equalsIgnoreCase(item.getKey())).toList();
            String what = "return " + request.getReturnId() + " of " + request.getOrderKey();
            if (ordered.isEmpty()) {
                return Optional.of(what + " returns item " + item.getKey() + " (SKU " + skus.get(item.getKey())
                        + "), which P21 order " + p21.orderNo() + " does not have; correct the return at the"
                        + " storefront (or the SKU cross-reference), then replay this dead letter");
            }
            BigDecimal bought = ordered.stream().map(P21OrderReader.Line::qtyOrdered)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (item.getValue().compareTo(bought) > 0) {
                return Optional.of(what + " returns " + item.getValue().stripTrailingZeros().toPlainString() + " of item "
                        + item.getKey() + " (SKU " + skus.get(item.getKey()) + ") but P21 order " + p21.orderNo()
                        + " sold " + bought.stripTrailingZeros().toPlainString() + "; correct the return's quantity at"
                        + " the storefront, then replay this dead letter");
            }
            lines.add(new RmaLine(lines.size() + 1, ordered.get(0).itemId(), item.getValue(),
                    paidPrice(ordered.get(0).unitPrice(), p21)));
        }
        return Optional.empty();
    }

    /**
     * What the buyer paid for one unit: its price less its share of the order's discount (the negative other-charge
     * lines), rounded down to the cent, so a credit never exceeds what was paid for the goods. Without a discount,
     * the price P21 invoiced.
     */
    static BigDecimal paidPrice(BigDecimal unitPrice, P21OrderReader.State p21) {
        BigDecimal merchandise = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        for (P21OrderReader.Line line : p21.lines()) {
            BigDecimal amount = line.qtyOrdered().multiply(line.unitPrice());
            if (line.unitPrice().signum() > 0) {
                merchandise = merchandise.add(amount);
            } else {
                discount = discount.subtract(amount);
            }
        }
        if (discount.signum() == 0 || merchandise.signum() == 0) {
            return unitPrice;
        }
        return unitPrice.multiply(merchandise.subtract(discount)).divide(merchandise, 2, RoundingMode.DOWN);
    }

    private ReturnOutcome create(ReturnRequest request, String reference, String orderNo, Optional<String> customerId,
                                 List<RmaLine> lines) {
        TransactionResult result;
        try {
            result = policy.check(transactions.submit(mapper.rma(request, orderNo, customerId, lines)));
        } catch (P21CallException e) {
            if (!policy.mayHaveBeenWritten(e)) {
                throw e;
            }
            return lookAfterUnknownOutcome(reference, e);
        }
        Optional<String> rmaNo = result.edit(P21OrderMapper.ORDER_HEADER, "order_no");
        if (rmaNo.isEmpty()) {
            return lookAfterUnknownOutcome(reference, new P21CallException(200, "P21 reported success without an order_no"));
        }
        log.info("created P21 RMA {} for {} (order {})", rmaNo.get(), reference, orderNo);
        return new Created(rmaNo.get());
    }

    private ReturnOutcome lookAfterUnknownOutcome(String reference, P21CallException cause) {
        log.warn("outcome of creating the RMA of {} unknown ({}); looking it up", reference, cause.getMessage());
        return orders.find(reference).<ReturnOutcome>map(found -> new Created(found.orderNo()))
                .orElseGet(() -> new Transient(cause.getMessage(), cause.retryAfter()));
    }
}
