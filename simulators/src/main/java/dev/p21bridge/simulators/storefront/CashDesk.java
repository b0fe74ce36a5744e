package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.StorefrontSimulator.OrderChangeRefused;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The store's side of the money after checkout: captures, returns, refunds and order details, each checked and
 * written under the state's lock, and each told by the webhook a real store sends ({@code payment.captured} for a
 * capture and for a refund, {@code return.created}). A refund or detail written by the bridge does not change what a
 * second identical call finds: it answers the same and sends nothing. Refusals are {@link OrderChangeRefused} with
 * the HTTP status that says why.
 *
 * <p>What the {@code /sim} routes ask for is delivered before the answer, as {@code /sim/orders/{id}/update} is;
 * a refund the bridge asks for through the API is delivered after the answer, one event at a time, as a store's
 * after-save hooks are, so the bridge's call never waits on its own ingress.
 */
public final class CashDesk implements AutoCloseable {

    /** A capture made: the order after it and the transaction recorded. */
    public record Captured(Order order, PaymentTransaction payment) {
    }

    /** A return opened: the order after it and the return. */
    public record Opened(Order order, OrderReturn opened) {
    }

    /** A refund: the order after it, the return, and whether this call changed anything (false on a repeat). */
    public record Refunded(Order order, OrderReturn refunded, boolean changed) {
    }

    /**
     * What {@code POST /sim/orders/{id}/returns} asks for; {@code unchecked} sends the lines as given, as a buggy
     * store would, without checking them against the order.
     */
    public record ReturnRequest(List<Line> lines, String reason, String comment, boolean unchecked) {
        /** One line asked for: a SKU as typed and a quantity. */
        public record Line(String sku, int quantity) {
        }
    }

    private final StorefrontState state;
    private final OrderGenerator generator;
    private final WebhookDeliverer deliverer;
    private final double redeliveryRate;
    private final ExecutorService sender;

    /** {@code deliverer} may be null: everything is recorded and no webhook is sent. */
    CashDesk(StorefrontState state, OrderGenerator generator, WebhookDeliverer deliverer, double redeliveryRate,
             String name) {
        this.state = state;
        this.generator = generator;
        this.deliverer = deliverer;
        this.redeliveryRate = redeliveryRate;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-payment-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Captures {@code amount} (null: all that is still uncaptured) and sends {@code payment.captured}; answers after
     * the webhook got a 2xx or was given up. Refused for an unknown order, a cancelled or declined one (409), or an
     * amount that is not positive with at most 2 decimals or exceeds what is uncaptured.
     */
    public Captured capture(String orderId, BigDecimal amount) {
        Captured captured = record(orderId, amount);
        deliverNow(List.of(paymentEvent(captured)));
        return captured;
    }

    /** {@link #capture} without the webhook: checkout sends it in the order its capture plan says. */
    Captured record(String orderId, BigDecimal amount) {
        if (amount != null) {
            checkAmount(amount, "amount");
        }
        PaymentTransaction[] made = new PaymentTransaction[1];
        Order order = state.changeOrder(orderId, o -> {
            if (cancelled(o)) {
                throw OrderChangeRefused.conflict("order " + orderId + " is cancelled; nothing can be captured");
            }
            if (o.declined()) {
                throw OrderChangeRefused.conflict("the payment of order " + orderId
                        + " was declined; nothing can be captured");
            }
            BigDecimal rest = o.uncaptured();
            if (rest.signum() == 0) {
                throw OrderChangeRefused.badRequest("nothing left to capture on order " + orderId);
            }
            BigDecimal take = amount == null ? rest : amount;
            if (take.compareTo(rest) > 0) {
                throw OrderChangeRefused.badRequest("amount " + take.toPlainString() + " exceeds the "
                        + rest.toPlainString() + " still uncaptured on order " + orderId);
            }
            long number = state.takeTransactionNumber();
            made[0] = new PaymentTransaction(number, PaymentTransaction.Kind.CAPTURE, take.compareTo(o.total()) < 0,
                    OrderGenerator.cents(take), generator.processorReference("ch_", number), state.now(), null);
            return o.withCash(o.cash().with(made[0]));
        }).orElseThrow(() -> OrderChangeRefused.notFound("no order " + orderId));
        return new Captured(order, made[0]);
    }

    /**
     * Opens a return and sends {@code return.created}; answers after the webhook got a 2xx or was given up. Unless
     * unchecked, refused for a cancelled or declined order, a SKU not on the order, or more than was bought less earlier returns.
     */
    public Opened openReturn(String orderId, ReturnRequest request) {
        OrderReturn[] made = new OrderReturn[1];
        Order order = state.changeOrder(orderId, o -> {
            if (!request.unchecked()) {
                check(o, request);
            }
            made[0] = new OrderReturn(state.takeReturnNumber(), lines(o, request), request.reason(),
                    request.comment(), state.now(), null, null);
            return o.withCash(o.cash().with(made[0]));
        }).orElseThrow(() -> OrderChangeRefused.notFound("no order " + orderId));
        deliverNow(List.of(event("return.created", generator.returnJson(order, made[0]))));
        return new Opened(order, made[0]);
    }

    /**
     * Refunds a return: the first time records a refund transaction and sends {@code payment.captured} for it after
     * answering; the same amount again changes nothing. Refused for an unknown return (or one not on
     * {@code orderId}, when given), a bad amount, one above what was paid less earlier refunds, or a return refunded
     * already with another amount.
     */
    public Refunded refund(String orderId, String returnId, BigDecimal amount) {
        long number = generator.returnNumber(returnId)
                .orElseThrow(() -> OrderChangeRefused.notFound("no return " + returnId));
        String owner = state.orderOfReturn(number).filter(id -> orderId == null || id.equals(orderId))
                .orElseThrow(() -> OrderChangeRefused.notFound("no return " + returnId));
        checkAmount(amount, "refund amount");
        PaymentTransaction[] made = new PaymentTransaction[1];
        Order order = state.changeOrder(owner, o -> {
            OrderReturn opened = o.cash().returns().stream().filter(r -> r.number() == number).findFirst()
                    .orElseThrow();
            if (opened.hasRefund()) {
                if (opened.refunded().compareTo(amount) == 0) {
                    return o;
                }
                throw OrderChangeRefused.conflict("return " + returnId + " was refunded "
                        + opened.refunded().toPlainString() + " already");
            }
            BigDecimal refundable = o.captured().subtract(o.refunded());
            if (amount.compareTo(refundable) > 0) {
                throw OrderChangeRefused.badRequest("refund " + amount.toPlainString() + " exceeds the "
                        + refundable.toPlainString() + " paid and not yet refunded on order " + owner);
            }
            long transaction = state.takeTransactionNumber();
            made[0] = new PaymentTransaction(transaction, PaymentTransaction.Kind.REFUND, false,
                    OrderGenerator.cents(amount), generator.processorReference("re_", transaction), state.now(), number);
            return o.withCash(o.cash().with(made[0]).with(opened.refund(OrderGenerator.cents(amount), state.now())));
        }).orElseThrow(() -> OrderChangeRefused.notFound("no return " + returnId));
        if (made[0] != null) {
            deliverLater(paymentEvent(new Captured(order, made[0])));
        }
        OrderReturn refunded = order.cash().returns().stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow();
        return new Refunded(order, refunded, made[0] != null);
    }

    /** Adds the detail or replaces the one of its name; no webhook, as X-Cart sends none for it. */
    public Order putDetail(String orderId, OrderDetail detail) {
        return state.changeOrder(orderId, o -> o.withCash(o.cash().with(detail)))
                .orElseThrow(() -> OrderChangeRefused.notFound("no order " + orderId));
    }

    /** The {@code payment.captured} event of a capture or refund, not yet marked for redelivery. */
    WebhookEvent paymentEvent(Captured captured) {
        return event("payment.captured", generator.paymentJson(captured.order(), captured.payment()));
    }

    /** A money amount given as a JSON number or a string like {@code "49.90"}; null when it is neither. */
    public static BigDecimal amount(JsonNode value) {
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            return value.isTextual() ? new BigDecimal(value.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An amount of money as a request gives it: a positive decimal with at most 2 decimals. */
    public static void checkAmount(BigDecimal amount, String what) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw OrderChangeRefused.badRequest(what + " must be a positive decimal with at most 2 decimals, got "
                    + (amount == null ? "nothing" : amount.toPlainString()));
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean cancelled(Order order) {
        return order.status().equals(generator.cancelledStatus());
    }

    private void check(Order order, ReturnRequest request) {
        if (cancelled(order)) {
            throw OrderChangeRefused.conflict("order " + order.id() + " is cancelled; nothing was sent to return");
        }
        if (order.declined()) {
            throw OrderChangeRefused.conflict("the payment of order " + order.id()
                    + " was declined; nothing was sent to return");
        }
        Map<String, Integer> asked = new HashMap<>();
        for (ReturnRequest.Line line : request.lines()) {
            if (line.quantity() < 1) {
                throw OrderChangeRefused.badRequest("qty must be at least 1 for sku " + line.sku().strip());
            }
            asked.merge(ProductView.canonicalSku(line.sku()), line.quantity(), Integer::sum);
        }
        for (Map.Entry<String, Integer> entry : asked.entrySet()) {
            int bought = order.lines().stream().filter(l -> ProductView.canonicalSku(l.sku()).equals(entry.getKey()))
                    .mapToInt(OrderLine::quantity).sum();
            if (bought == 0) {
                throw OrderChangeRefused.badRequest("sku " + entry.getKey() + " is not on order " + order.id());
            }
            int left = bought - order.cash().returned(entry.getKey());
            if (entry.getValue() > left) {
                throw OrderChangeRefused.badRequest("only " + left + " of sku " + entry.getKey()
                        + " can still be returned on order " + order.id() + ", asked for " + entry.getValue());
            }
        }
    }

    /** The returned lines: each priced as the order line of its SKU; a SKU not on the order at the catalogue price. */
    private List<OrderReturn.Line> lines(Order order, ReturnRequest request) {
        List<OrderReturn.Line> lines = new ArrayList<>();
        for (ReturnRequest.Line asked : request.lines()) {
            String sku = ProductView.canonicalSku(asked.sku());
            lines.add(order.lines().stream().filter(l -> ProductView.canonicalSku(l.sku()).equals(sku)).findFirst()
                    .map(l -> new OrderReturn.Line(l.itemId(), l.sku(), asked.quantity(), l.price()))
                    .orElseGet(() -> new OrderReturn.Line(0, asked.sku(), asked.quantity(),
                            state.productBySku(sku).map(ProductView::price).orElse(BigDecimal.ZERO.setScale(2)))));
        }
        return lines;
    }

    private void deliverNow(List<WebhookEvent> events) {
        if (deliverer != null) {
            deliverer.deliver(events.stream().map(this::maybeRedelivered).toList());
        }
    }

    private void deliverLater(WebhookEvent event) {
        if (deliverer == null) {
            return;
        }
        try {
            sender.execute(() -> deliverer.deliver(List.of(maybeRedelivered(event))));
        } catch (RejectedExecutionException e) {
            // closing: the event is given up, as the deliverer gives up what is pending
        }
    }

    /** The store's usual redelivery, one event at a time. */
    private WebhookEvent maybeRedelivered(WebhookEvent event) {
        return ThreadLocalRandom.current().nextDouble() < redeliveryRate ? event.withRedelivery() : event;
    }

    static WebhookEvent event(String type, JsonNode body) {
        try {
            return new WebhookEvent(UUID.randomUUID().toString(), type,
                    StorefrontJson.mapper().writeValueAsBytes(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated payload always serializes", e);
        }
    }
}
