package dev.p21bridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The P21 poller's counters become "failing" or not, the reconciliation is read at most once per period, and the
 * oldest hold still waiting for a decision gives its age.
 */
class AlertReadingsSourceTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T15:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter polls = registry.counter("p21.poller.polls", "table", "oe_hdr");
    private final Counter failures = registry.counter("p21.poller.failures", "table", "oe_hdr");
    private final AtomicInteger reads = new AtomicInteger();
    private final Hold waiting = new Hold("xcart:1", "xcart", "1000001", 72, List.of(), "risk 72", HoldState.HELD,
            clock.instant().minus(Duration.ofMinutes(250)), null, null, null);
    private final Hold decided = new Hold("xcart:2", "xcart", "1000002", 80, List.of(), "risk 80", HoldState.APPROVED,
            clock.instant().minus(Duration.ofHours(9)), clock.instant(), "cli", null);
    private final FlowMonitor flows = new FlowMonitor(new ConsoleConfig(Duration.ofSeconds(1), Duration.ofMinutes(1),
            "transformer"), null, registry, new DeadLetterStore(new Properties()), clock);
    private final AlertReadingsSource source = new AlertReadingsSource(flows, registry, () -> {
        reads.incrementAndGet();
        return List.of();
    }, () -> List.of(waiting, decided), Duration.ofMinutes(1), clock);

    @Test
    void shouldCallThePollerFailingOnlyWhileItsPollsFailAndNoneEndsWell() {
        polls.increment();
        assertThat(source.get().pollerFailing()).isFalse();
        failures.increment();
        assertThat(source.get().pollerFailing()).isTrue();
        assertThat(source.get().pollerFailing()).as("no poll since: the last answer holds").isTrue();
        failures.increment();
        polls.increment();
        assertThat(source.get().pollerFailing()).isFalse();
    }

    @Test
    void shouldReadTheReconciliationAtMostOncePerPeriod() {
        assertThat(source.get().reconciliationDifferences()).isZero();
        clock.advance(Duration.ofSeconds(30));
        source.get();
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(30));
        source.get();
        assertThat(reads).hasValue(2);
        assertThat(source.get().flows()).containsKey("p21-orders");
        assertThat(source.get().circuits()).isEqualTo(Map.of());
    }

    @Test
    void shouldGiveTheAgeOfTheOldestHoldStillWaitingForADecision() {
        assertThat(source.get().oldestHoldMinutes()).as("the approved one waits for no one").isEqualTo(250);
    }
}
