package dev.p21bridge.ingress.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A polled store's meters, tagged {@code store=<name>}: {@code store.poller.polls} (polls that ended well),
 * {@code store.poller.orders} (orders written to the raw topic), {@code store.poller.failures} (polls that failed
 * and are tried again next interval).
 */
final class StorePollMetrics {

    private final Counter polls;
    private final Counter orders;
    private final Counter failures;

    StorePollMetrics(MeterRegistry registry, String store) {
        polls = Counter.builder("store.poller.polls").tag("store", store)
                .description("polls of the store's order list that ended well").register(registry);
        orders = Counter.builder("store.poller.orders").tag("store", store)
                .description("new or changed orders found by polling and written to the raw topic").register(registry);
        failures = Counter.builder("store.poller.failures").tag("store", store)
                .description("polls of the store's order list that failed and will be tried again").register(registry);
    }

    void polled() {
        polls.increment();
    }

    void written(int count) {
        orders.increment(count);
    }

    void failed() {
        failures.increment();
    }
}
