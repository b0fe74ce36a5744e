package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Places orders as shoppers would and tells the world through webhooks: {@code customer.created} the first time a
 * customer orders, {@code order.created} for every order, and with {@link CheckoutRequest.Capture#MIXED} the
 * {@code payment.captured} of the store's captures (never of an order whose payment was declined). Works in chunks so a 100,000-order checkout never holds more
 * than one chunk of webhook bodies.
 *
 * <p>A chunk is delivered in waves, each complete before the next starts, so the order of events across waves is
 * guaranteed: captures sent early, then customers and orders, then captures, then second parts.
 *
 * <p>Redeliveries and duplicate creates are exact fractions of each wave (rounded), so a test can count them. An
 * order the storefront refuses (not enough stock shown) is counted and sends no webhook.
 *
 * <p>With {@code risk}, the {@link RiskyMix} says which orders are risky; a checkout by one signed-up buyer has none.
 */
final class Checkout {

    private static final int CHUNK = 1_000;

    private static final int FULL_AFTER_PERCENT = 85;
    private static final int TWO_PARTS_PERCENT = 10;

    private final StorefrontState state;
    private final OrderGenerator generator;
    private final WebhookDeliverer deliverer;
    private final CashDesk cash;
    private final double defaultRedeliveryRate;

    /** The events of one chunk, by wave. */
    private record Waves(List<WebhookEvent> early, List<WebhookEvent> orders, List<WebhookEvent> creates,
                         List<WebhookEvent> captures, List<WebhookEvent> secondParts) {
        Waves() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** {@code deliverer} may be null: orders are placed and no webhook is sent. */
    Checkout(StorefrontState state, OrderGenerator generator, WebhookDeliverer deliverer, CashDesk cash,
             double defaultRedeliveryRate) {
        this.state = state;
        this.generator = generator;
        this.deliverer = deliverer;
        this.cash = cash;
        this.defaultRedeliveryRate = defaultRedeliveryRate;
    }

    CheckoutResult run(CheckoutRequest request) {
        return run(request, null);
    }

    /** {@link #run} with every order placed by {@code buyer} (a signed-up customer); null draws pool customers. */
    CheckoutResult run(CheckoutRequest request, Customer buyer) {
        if (request.sku() != null && state.productBySku(request.sku()).isEmpty()) {
            throw new IllegalArgumentException("unknown sku " + request.sku().strip());
        }
        double redeliveryRate = request.redeliveryRate() == null ? defaultRedeliveryRate : request.redeliveryRate();
        Random random = new Random();
        List<String> ids = new ArrayList<>(request.count());
        RiskyMix mix = buyer == null ? generator.riskyOrders().mix(request.count(), request.riskShare()) : RiskyMix.none();
        RiskyCheckout risk = new RiskyCheckout(mix);
        int delivered = 0;
        int failed = 0;
        int refused = 0;
        for (int start = 0; start < request.count(); start += CHUNK) {
            int size = Math.min(CHUNK, request.count() - start);
            Waves waves = new Waves();
            for (int i = 0; i < size; i++) {
                Optional<RiskyMix.Slot> slot = mix.at(start + i);
                Optional<StorefrontState.Placed> accepted = state.place(number -> {
                    List<ProductView> products = state.products();
                    Order drawn = slot.isEmpty() ? generator.draw(number, request, products, state.now(), buyer)
                            : generator.draw(number, request, products, state.now(), null,
                                    risk.draw(generator.riskyOrders(), slot.get(), number, products));
                    // a declined card was not authorized either
                    return request.capture() == null || drawn.declined() ? drawn
                            : drawn.withCash(OrderCash.AUTHORIZED);
                }, request.commitDelay());
                if (accepted.isEmpty()) {
                    refused++;
                    continue;
                }
                StorefrontState.Placed placed = accepted.get();
                ids.add(placed.order().id());
                risk.placed(placed.order());
                if (placed.newCustomer()) {
                    waves.orders().add(event("customer.created",
                            generator.customerJson(placed.order().customer(), placed.order().created())));
                }
                WebhookEvent created = event("order.created", generator.orderJson(placed.order()));
                waves.orders().add(created);
                waves.creates().add(created);
                if (request.capture() == CheckoutRequest.Capture.MIXED && !placed.order().purchaseOrder()
                        && !placed.order().declined()) {
                    capture(placed.order(), waves);
                }
            }
            if (deliverer == null) {
                continue;
            }
            List<WebhookEvent> outgoing = markRedeliveries(waves.orders(), redeliveryRate, random);
            for (WebhookEvent duplicate : pick(waves.creates(), request.duplicateCreateRate(), random)) {
                outgoing.add(new WebhookEvent(UUID.randomUUID().toString(), duplicate.type(), duplicate.body(), false));
            }
            List<List<WebhookEvent>> inOrder = List.of(markRedeliveries(waves.early(), redeliveryRate, random),
                    outgoing, markRedeliveries(waves.captures(), redeliveryRate, random),
                    markRedeliveries(waves.secondParts(), redeliveryRate, random));
            for (List<WebhookEvent> wave : inOrder) {
                if (!wave.isEmpty()) {
                    WebhookDeliverer.Report report = deliverer.deliver(wave);
                    delivered += report.delivered();
                    failed += report.failed();
                }
            }
        }
        return new CheckoutResult(List.copyOf(ids), delivered, failed, refused, risk.truth());
    }

    /**
     * Captures a just-authorized card order as {@link CheckoutRequest.Capture#MIXED} says, recording each capture now
     * and queueing its webhook in the wave its plan says.
     */
    private void capture(Order order, Waves waves) {
        Random plan = generator.cashRandom(order.number());
        int roll = plan.nextInt(100);
        if (roll < FULL_AFTER_PERCENT) {
            waves.captures().add(cash.paymentEvent(cash.record(order.id(), null)));
        } else if (roll < FULL_AFTER_PERCENT + TWO_PARTS_PERCENT) {
            BigDecimal share = BigDecimal.valueOf(30 + plan.nextInt(41));
            BigDecimal first = OrderGenerator.cents(order.total().multiply(share).movePointLeft(2));
            if (first.signum() > 0 && first.compareTo(order.total()) < 0) {
                waves.captures().add(cash.paymentEvent(cash.record(order.id(), first)));
            }
            waves.secondParts().add(cash.paymentEvent(cash.record(order.id(), null)));
        } else {
            waves.early().add(cash.paymentEvent(cash.record(order.id(), null)));
        }
    }

    private static List<WebhookEvent> markRedeliveries(List<WebhookEvent> events, double rate, Random random) {
        List<WebhookEvent> marked = new ArrayList<>(events);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, random);
        for (int i : indexes.subList(0, (int) Math.round(rate * events.size()))) {
            marked.set(i, events.get(i).withRedelivery());
        }
        return marked;
    }

    private static List<WebhookEvent> pick(List<WebhookEvent> events, double rate, Random random) {
        List<WebhookEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, (int) Math.round(rate * events.size()));
    }

    private static WebhookEvent event(String type, JsonNode body) {
        return CashDesk.event(type, body);
    }
}
