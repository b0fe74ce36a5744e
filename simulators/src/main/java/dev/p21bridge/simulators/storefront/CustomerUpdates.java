package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A customer changed through the storefront's API, and the signed {@code customer.updated} webhook the storefront
 * sends about it, as a real store does after any save, whoever made it. That is how a write of the bridge comes
 * back to the bridge as an event (the echo the transformer must recognise). Delivery runs after the API call
 * answered, one event at a time in change order; its outcome is counted per customer for {@code /sim/customers}.
 */
public final class CustomerUpdates implements AutoCloseable {

    /** Webhook outcomes of one customer's changes; {@code pending} are not yet delivered or given up. */
    public record Deliveries(int delivered, int failed, int pending) {
    }

    private final StorefrontState state;
    private final OrderGenerator generator;
    private final WebhookDeliverer deliverer;
    private final ExecutorService sender;
    private final Map<String, AtomicInteger[]> outcomes = new ConcurrentHashMap<>();

    /** {@code deliverer} may be null: changes are kept and no webhook is sent. */
    CustomerUpdates(StorefrontState state, OrderGenerator generator, WebhookDeliverer deliverer, String name) {
        this.state = state;
        this.generator = generator;
        this.deliverer = deliverer;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-customer-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Applies {@code change} to the customer of this e-mail and announces it; empty when there is no such customer. */
    public Optional<StorefrontCustomer> change(String email, UnaryOperator<StorefrontCustomer> change) {
        Optional<StorefrontCustomer> changed = state.changeCustomer(email, change);
        changed.ifPresent(this::announce);
        return changed;
    }

    public Deliveries deliveries(String email) {
        AtomicInteger[] counts = outcomes.get(StorefrontCustomer.key(email));
        return counts == null ? new Deliveries(0, 0, 0)
                : new Deliveries(counts[0].get(), counts[1].get(), counts[2].get());
    }

    void clear() {
        outcomes.clear();
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

    private void announce(StorefrontCustomer customer) {
        if (deliverer == null) {
            return;
        }
        WebhookEvent event;
        try {
            event = new WebhookEvent(UUID.randomUUID().toString(), "customer.updated",
                    StorefrontJson.mapper().writeValueAsBytes(generator.customerUpdatedJson(customer)), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated payload always serializes", e);
        }
        AtomicInteger[] counts = outcomes.computeIfAbsent(StorefrontCustomer.key(customer.email()),
                k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
        counts[2].incrementAndGet();
        try {
            sender.execute(() -> {
                WebhookDeliverer.Report report = deliverer.deliver(List.of(event));
                counts[0].addAndGet(report.delivered());
                counts[1].addAndGet(report.failed());
                counts[2].decrementAndGet();
            });
        } catch (RejectedExecutionException e) {
            counts[2].decrementAndGet();
            counts[1].incrementAndGet();
        }
    }
}
