package dev.p21bridge.app.console;

import dev.p21bridge.app.console.alerts.AlertReadings;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.schemas.OrderReconciliation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules' readings from what the console already keeps: the Flows page's latest samples (rate, lag, dead
 * letters, circuits), the P21 poller's counters where the services share this JVM's registry, and the reconciliation
 * reader and the holds, which each read a whole compacted topic and so are read at most once per
 * {@code reconciliationEvery}.
 */
final class AlertReadingsSource implements Supplier<AlertReadings> {

    private static final Logger log = LoggerFactory.getLogger(AlertReadingsSource.class);
    private static final List<String> CIRCUIT_ORDER = List.of("CLOSED", "HALF_OPEN", "OPEN");
    private static final MeterQuery POLLER_FAILURES = MeterQuery.all("p21.poller.failures", Map.of());
    private static final MeterQuery POLLER_POLLS = MeterQuery.all("p21.poller.polls", Map.of());

    private final FlowMonitor flows;
    private final MeterRegistry registry;
    private final Supplier<Collection<OrderReconciliation>> reconciliations;
    private final Duration reconciliationEvery;
    private final Clock clock;
    private double lastFailures = Double.NaN;
    private double lastPolls = Double.NaN;
    private Boolean pollerFailing;
    private Instant reconciliationReadAt;
    private Integer reconciliationDifferences;
    private final Supplier<? extends Collection<Hold>> holds;
    private Instant holdsReadAt;
    private Long oldestHoldMinutes;

    /**
     * @param registry        the services' meters, or null when they run in other processes
     * @param reconciliations every order's latest reconciliation, or null without a reconciliation
     * @param holds           every order's latest hold ({@code bridge.holds}), or null without holds; read as
     *                        seldom as the reconciliation
     */
    AlertReadingsSource(FlowMonitor flows, MeterRegistry registry,
                        Supplier<Collection<OrderReconciliation>> reconciliations,
                        Supplier<? extends Collection<Hold>> holds, Duration reconciliationEvery, Clock clock) {
        this.holds = holds;
        this.flows = flows;
        this.registry = registry;
        this.reconciliations = reconciliations;
        this.reconciliationEvery = reconciliationEvery;
        this.clock = clock;
    }

    @Override
    public AlertReadings get() {
        Map<String, AlertReadings.Flow> byFlow = new HashMap<>();
        Map<String, Integer> deadLetters = new HashMap<>();
        Map<String, String> circuits = new HashMap<>();
        for (FlowView flow : flows.views()) {
            byFlow.put(flow.name(), new AlertReadings.Flow(flow.ratePerMinute(), flow.lag()));
            if (flow.service() != null && flow.deadLetters() != null) {
                deadLetters.merge(flow.service(), flow.deadLetters(), Integer::sum);
            }
            if (flow.service() != null && flow.circuit() != null) {
                circuits.merge(flow.service(), flow.circuit(), (a, b) ->
                        CIRCUIT_ORDER.indexOf(a) >= CIRCUIT_ORDER.indexOf(b) ? a : b);
            }
        }
        return new AlertReadings(clock.instant(), byFlow, deadLetters, circuits, pollerFailing(),
                reconciliationDifferences(), oldestHoldMinutes());
    }

    /** Failing: polls failed since the last reading and none ended well; no poll either way keeps the last answer. */
    private Boolean pollerFailing() {
        if (registry == null || registry.find("p21.poller.polls").meters().isEmpty()) {
            return null;
        }
        double failures = POLLER_FAILURES.total(registry);
        double polls = POLLER_POLLS.total(registry);
        if (Double.isNaN(lastFailures)) {
            // the first reading has nothing to compare with: failing if it has failed and never polled well
            pollerFailing = failures > 0 && polls == 0;
        } else if (failures > lastFailures || polls > lastPolls) {
            pollerFailing = failures > lastFailures && polls == lastPolls;
        }
        lastFailures = failures;
        lastPolls = polls;
        return pollerFailing;
    }

    private Integer reconciliationDifferences() {
        Instant now = clock.instant();
        if (reconciliations == null
                || reconciliationReadAt != null && now.isBefore(reconciliationReadAt.plus(reconciliationEvery))) {
            return reconciliationDifferences;
        }
        reconciliationReadAt = now;
        try {
            reconciliationDifferences = (int) reconciliations.get().stream().filter(r -> !r.getDifferences().isEmpty()).count();
        } catch (RuntimeException e) {
            log.warn("could not read the reconciliation for the alerts: {}", e.toString());
        }
        return reconciliationDifferences;
    }

    /** Minutes the longest-waiting hold (state held) has waited, 0 when none; null until the topic was read. */
    private Long oldestHoldMinutes() {
        Instant now = clock.instant();
        if (holds == null || holdsReadAt != null && now.isBefore(holdsReadAt.plus(reconciliationEvery))) {
            return oldestHoldMinutes;
        }
        holdsReadAt = now;
        try {
            oldestHoldMinutes = holds.get().stream()
                    .filter(hold -> hold.state() == HoldState.HELD && hold.heldAt() != null)
                    .mapToLong(hold -> Math.max(0, Duration.between(hold.heldAt(), now).toMinutes()))
                    .max().orElse(0);
        } catch (RuntimeException e) {
            log.warn("could not read the holds for the alerts: {}", e.toString());
        }
        return oldestHoldMinutes;
    }
}
