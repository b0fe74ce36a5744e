package dev.p21bridge.app.console.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an alert rule watches, each read from what the Flows page already samples (no second bookkeeping). The
 * {@code target} a rule names is a flow ({@link Target#FLOW}), a service with dead letters or a circuit
 * ({@link Target#SERVICE}), or nothing.
 */
public enum AlertKind {
    /** Dead letters waiting (not replayed) for the service above {@code threshold} (default 0: any). */
    DEAD_LETTERS("dead-letters", Target.SERVICE),
    /** The flow's consumer lag above {@code threshold} records. */
    CONSUMER_LAG("consumer-lag", Target.FLOW),
    /** The service's circuit breaker not closed (open, or half-open probing a target that is still down). */
    CIRCUIT_OPEN("circuit-open", Target.SERVICE),
    /** The flow's rate is zero within the merchant's hours; outside them the rule rests. */
    NO_ORDERS("no-orders", Target.FLOW),
    /** The P21 change poller's polls fail and none ends well. */
    P21_POLLER_FAILING("p21-poller-failing", Target.NONE),
    /** More than {@code threshold} orders whose reconciliation shows a difference. */
    RECONCILIATION_DIFFERENCE("reconciliation-difference", Target.NONE),
    /** An order held for review has waited longer than {@code threshold} minutes for a decision (docs/risk.md). */
    HOLD_WAITING("hold-waiting", Target.NONE);

    /** What a rule's {@code target} names. */
    public enum Target { FLOW, SERVICE, NONE }

    private final String id;
    private final Target target;

    AlertKind(String id, Target target) {
        this.id = id;
        this.target = target;
    }

    /** As the rules file writes it. */
    public String id() {
        return id;
    }

    public Target target() {
        return target;
    }

    /** The kind a rules file names, or an {@link IllegalArgumentException} listing the known ones. */
    public static AlertKind of(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind '" + id + "' is unknown; one of "
                        + Arrays.stream(values()).map(AlertKind::id).collect(Collectors.joining(", "))));
    }
}
