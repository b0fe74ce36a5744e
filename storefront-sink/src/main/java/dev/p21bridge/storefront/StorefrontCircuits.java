package dev.p21bridge.storefront;

import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link CircuitBreaker} per storefront, so an X-Cart outage stops the calls to X-Cart and nothing else. Every
 * call asks its storefront's breaker first ({@link StorefrontHttp}); while a circuit is open the call is not made,
 * records of that storefront move to (or wait in) the retry topics, and one probe call goes through after
 * {@code BRIDGE_CIRCUIT_OPEN_FOR}.
 *
 * <p>Metrics, like the p21-sink's: {@code storefront.circuit.state{storefront}} (0 closed, 1 open, 2 half-open) and
 * {@code storefront.circuit.opened{storefront}}. A restarted service in the same process replaces the meters of the
 * stopped one.
 */
public final class StorefrontCircuits {

    private final Map<Storefront, CircuitBreaker> breakers = new EnumMap<>(Storefront.class);

    public StorefrontCircuits(RetryConfig config, Clock clock, MeterRegistry metrics) {
        for (Storefront storefront : Storefront.values()) {
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
        return breakers.get(storefront);
    }

    public boolean isClosed(Storefront storefront) {
        return breakers.get(storefront).state() == CircuitBreaker.State.CLOSED;
    }

    /** True when at least one of {@code storefronts} would take a call now (an empty set takes none). */
    public boolean anyPermitsCalls(Collection<Storefront> storefronts) {
        return storefronts.stream().anyMatch(s -> breakers.get(s).permitsCalls());
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
