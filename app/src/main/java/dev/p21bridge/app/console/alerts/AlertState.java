package dev.p21bridge.app.console.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One rule's state: inactive, pending (the condition holds, not yet for long enough), firing, resolved (it fired and
 * has cleared since). It answers a notification only on the two edges that matter: firing once when the condition
 * has held for the rule's duration, resolving once when it clears. An unknown reading changes nothing, so a console
 * that loses sight of a service neither fires nor resolves on that.
 */
final class AlertState {

    enum Phase { INACTIVE, PENDING, FIRING, RESOLVED }

    private Phase phase = Phase.INACTIVE;
    private Instant since;
    private AlertRule.Check last = AlertRule.Check.unknown("not evaluated yet");

    /** Moves on by one reading; the edge to notify, if this reading crossed one. */
    synchronized Optional<AlertNotification.Edge> observe(AlertRule.Check check, Instant now, Duration holdFor) {
        last = check;
        if (check.holds() == null) {
            return Optional.empty();
        }
        if (check.holds()) {
            if (phase == Phase.INACTIVE || phase == Phase.RESOLVED) {
                phase = Phase.PENDING;
                since = now;
            }
            if (phase == Phase.PENDING && !now.isBefore(since.plus(holdFor))) {
                phase = Phase.FIRING;
                since = now;
                return Optional.of(AlertNotification.Edge.FIRING);
            }
            return Optional.empty();
        }
        if (phase == Phase.FIRING) {
            phase = Phase.RESOLVED;
            since = now;
            return Optional.of(AlertNotification.Edge.RESOLVED);
        }
        if (phase == Phase.PENDING) {
            phase = Phase.INACTIVE;
            since = null;
        }
        return Optional.empty();
    }

    synchronized Phase phase() {
        return phase;
    }

    /** When the phase began: pending since, firing since, resolved at; null while inactive. */
    synchronized Instant since() {
        return since;
    }

    synchronized AlertRule.Check last() {
        return last;
    }
}
