package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Places orders as shoppers would and tells the world through webhooks: {@code customer.created} the first time a
 * customer orders, {@code order.created} for every order. Works in chunks so a 100,000-order checkout never holds
 * more than one chunk of webhook bodies.
 *
 * <p>Redeliveries and duplicate creates are exact fractions of each chunk (rounded), so a test can count them. An
 * order the storefront refuses (not enough stock shown) is counted and sends no webhook.
 */
final class Checkout {

    private static final int CHUNK = 1_000;

    private final StorefrontState state;
    private final OrderGenerator generator;
    private final WebhookDeliverer deliverer;
    private final double defaultRedeliveryRate;

    /** {@code deliverer} may be null: orders are placed and no webhook is sent. */
    Checkout(StorefrontState state, OrderGenerator generator, WebhookDeliverer deliverer, double defaultRedeliveryRate) {
        this.state = state;
        this.generator = generator;
        this.deliverer = deliverer;
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
        int delivered = 0;
        int failed = 0;
        int refused = 0;
        for (int start = 0; start < request.count(); start += CHUNK) {
            int size = Math.min(CHUNK, request.count() - start);
            List<WebhookEvent> events = new ArrayList<>();
            List<WebhookEvent> creates = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Optional<StorefrontState.Placed> accepted = state.place(
                        number -> generator.draw(number, request, state.products(), state.now(), buyer));
                if (accepted.isEmpty()) {
                    refused++;
                    continue;
                }
                StorefrontState.Placed placed = accepted.get();
                ids.add(placed.order().id());
                if (placed.newCustomer()) {
                    events.add(event("customer.created",
                            generator.customerJson(placed.order().customer(), placed.order().created())));
                }
                WebhookEvent created = event("order.created", generator.orderJson(placed.order()));
                events.add(created);
                creates.add(created);
            }
            if (deliverer == null) {
                continue;
            }
            List<WebhookEvent> outgoing = markRedeliveries(events, redeliveryRate, random);
            for (WebhookEvent duplicate : pick(creates, request.duplicateCreateRate(), random)) {
                outgoing.add(new WebhookEvent(UUID.randomUUID().toString(), duplicate.type(), duplicate.body(), false));
            }
            WebhookDeliverer.Report report = deliverer.deliver(outgoing);
            delivered += report.delivered();
            failed += report.failed();
        }
        return new CheckoutResult(List.copyOf(ids), delivered, failed, refused);
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
        try {
            return new WebhookEvent(UUID.randomUUID().toString(), type,
                    StorefrontJson.mapper().writeValueAsBytes(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated payload always serializes", e);
        }
    }
}
