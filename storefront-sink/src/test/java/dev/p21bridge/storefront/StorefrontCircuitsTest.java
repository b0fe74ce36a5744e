package dev.p21bridge.storefront;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorefrontCircuitsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final StorefrontCircuits circuits = new StorefrontCircuits(new RetryConfig(List.of(Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofMinutes(10)), 2, Duration.ofSeconds(60), Duration.ofSeconds(30)),
            clock, metrics);

    @Test
    void shouldOpenOnlyTheCircuitOfTheStorefrontThatFails() {
        failTwice(Storefront.XCART);

        assertThat(circuits.isClosed(Storefront.XCART)).isFalse();
        assertThat(circuits.isClosed(Storefront.CLARITY)).isTrue();
        assertThat(circuits.anyPermitsCalls(Set.of(Storefront.XCART))).isFalse();
        assertThat(circuits.anyPermitsCalls(circuits.storefronts())).isTrue();
    }

    @Test
    void shouldShowEachStorefrontsStateAndOpeningsAsMetrics() {
        failTwice(Storefront.CLARITY);

        assertThat(metrics.get("storefront.circuit.state").tag("storefront", "clarity").gauge().value())
                .isEqualTo(CircuitBreaker.State.OPEN.ordinal());
        assertThat(metrics.get("storefront.circuit.state").tag("storefront", "xcart").gauge().value()).isZero();
        assertThat(metrics.get("storefront.circuit.opened").tag("storefront", "clarity").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldLetOneProbeThroughAfterTheOpenPeriod() {
        failTwice(Storefront.XCART);
        clock.advance(Duration.ofSeconds(30));

        CircuitBreaker breaker = circuits.of(Storefront.XCART);
        assertThat(breaker.tryAcquire()).hasValueSatisfying(permit -> assertThat(permit.probe()).isTrue());
        assertThat(breaker.tryAcquire()).isEmpty();
    }

    @Test
    void shouldReportTheMetricsOfTheNewCircuitsAfterARestartInTheSameProcess() {
        failTwice(Storefront.XCART);

        new StorefrontCircuits(RetryConfig.defaults(), clock, metrics);

        assertThat(metrics.get("storefront.circuit.state").tag("storefront", "xcart").gauge().value()).isZero();
    }

    private void failTwice(Storefront storefront) {
        CircuitBreaker breaker = circuits.of(storefront);
        breaker.failed(breaker.tryAcquire().orElseThrow());
        breaker.failed(breaker.tryAcquire().orElseThrow());
    }
}
