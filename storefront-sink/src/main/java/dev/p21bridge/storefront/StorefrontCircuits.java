package dev.p21bridge.storefront;

import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link CircuitBreaker} per store, so an outage of one store stops the calls to that store and nothing else (two
 * X-Cart stores have two circuits). Every
 * call asks its storefront's breaker first ({@link StorefrontHttp}); while a circuit is open the call is not made,
 * records of that storefront move to (or wait in) the retry topics, and one probe call goes through after
 * {@code BRIDGE_CIRCUIT_OPEN_FOR}.
 *
 * <p>Metrics, like the p21-sink's: {@code storefront.circuit.state{storefront}} (0 closed, 1 open, 2 half-open) and
 * {@code storefront.circuit.opened{storefront}}. A restarted service in the same process replaces the meters of the
 * stopped one.
 */
public final class StorefrontCircuits {

    private final Map<Storefront, CircuitBreaker> breakers = new LinkedHashMap<>();

    /** The circuits of the default stores, {@code xcart} and {@code clarity}. */
    public StorefrontCircuits(RetryConfig config, Clock clock, MeterRegistry metrics) {
        this(Storefronts.DEFAULT.all(), config, clock, metrics);
    }

    public StorefrontCircuits(List<Storefront> storefronts, RetryConfig config, Clock clock, MeterRegistry metrics) {
        for (Storefront storefront : storefronts) {
            CircuitBreaker breaker = CircuitBreaker.of(storefront.id(), config, clock);
            breakers.put(storefront, breaker);
            replace(metrics, Gauge.builder("storefront.circuit.state", breaker, b -> b.state().ordinal())
                    .description("the storefront's circuit: 0 closed, 1 open, 2 half-open")
                    .tag("storefront", storefront.id()), "storefront.circuit.state", storefront);
            replace(metrics, FunctionCounter.builder("storefront.circuit.opened", breaker, CircuitBreaker::timesOpened)
                    .description("how often the storefront's circuit opened")
                    .tag("storefront", storefront.id()), "storefront.circuit.opened", storefront);
        }
    }

    public CircuitBreaker of(Storefront storefront) {
        CircuitBreaker breaker = breakers.get(storefront);
        if (breaker == null) {
            throw new IllegalArgumentException("no circuit for store '" + storefront + "'; the stores are "
                    + breakers.keySet());
        }
        return breaker;
    }

    public boolean isClosed(Storefront storefront) {
        return of(storefront).state() == CircuitBreaker.State.CLOSED;
    }

    /** Every store with a circuit, in the configured order. */
    public List<Storefront> storefronts() {
        return List.copyOf(breakers.keySet());
    }

    /** True when at least one of {@code storefronts} would take a call now (an empty set takes none). */
    public boolean anyPermitsCalls(Collection<Storefront> storefronts) {
        return storefronts.stream().anyMatch(s -> of(s).permitsCalls());
    }

    private static void replace(MeterRegistry metrics, Gauge.Builder<?> builder, String name, Storefront storefront) {
        removeExisting(metrics, name, storefront);
        builder.register(metrics);
    }

    private static void replace(MeterRegistry metrics, FunctionCounter.Builder<?> builder, String name,
                                Storefront storefront) {
        removeExisting(metrics, name, storefront);
        builder.register(metrics);
    }

    private static void removeExisting(MeterRegistry metrics, String name, Storefront storefront) {
        Meter previous = metrics.find(name).tag("storefront", storefront.id()).meter();
        if (previous != null) {
            metrics.remove(previous);
        }
    }
}
