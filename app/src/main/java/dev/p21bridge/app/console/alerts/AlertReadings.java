package dev.p21bridge.app.console.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * What the rules are evaluated against at one instant, taken from the Flows page's latest samples and the
 * reconciliation reader. Null anywhere means not known here (a console run apart from the services knows no circuit;
 * the reconciliation is not read yet): a rule whose reading is unknown keeps its state.
 *
 * @param flows                     per flow name
 * @param deadLetters               dead letters waiting, per service
 * @param circuits                  the worst circuit state per service ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN})
 * @param pollerFailing             whether the P21 poller's polls failed since the last reading and none ended well
 * @param reconciliationDifferences orders whose latest reconciliation is not balanced
 * @param oldestHoldMinutes         how long the longest-waiting held order has waited for a decision, 0 when none
 */
public record AlertReadings(Instant at, Map<String, Flow> flows, Map<String, Integer> deadLetters,
                            Map<String, String> circuits, Boolean pollerFailing, Integer reconciliationDifferences,
                            Long oldestHoldMinutes) {

    /** One flow's rate (records per minute over the last minute) and consumer lag. */
    public record Flow(double ratePerMinute, Long lag) {
    }

    public AlertReadings {
        flows = Map.copyOf(flows);
        deadLetters = Map.copyOf(deadLetters);
        circuits = Map.copyOf(circuits);
    }
}
