package dev.p21bridge.app.console.alerts;

import java.time.Duration;

/**
 * One alert rule of the operator's file (or the shipped defaults), validated when loaded. It fires once its
 * condition has held for {@code holdFor} (zero: at the first reading that shows it) and resolves once it clears.
 *
 * @param target    the flow or service the kind watches ({@link AlertKind#target()}); null for the others
 * @param threshold the bound the reading must exceed (dead letters, lag records, unbalanced orders, minutes a hold
 *                  waits); 0 elsewhere
 * @param hours     when a {@link AlertKind#NO_ORDERS} rule applies; null for the other kinds
 */
public record AlertRule(String name, AlertKind kind, String target, long threshold, Duration holdFor,
                        BusinessHours hours) {

    /** A condition's state at one reading: {@code holds} null when not known; {@code value} what was compared. */
    public record Check(Boolean holds, Double value, String detail) {

        static Check unknown(String detail) {
            return new Check(null, null, detail);
        }
    }

    public AlertRule {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("name '" + name + "' must be lower-case letters, digits and '-'");
        }
        if (kind.target() == AlertKind.Target.NONE ? target != null : target == null || target.isBlank()) {
            throw new IllegalArgumentException(kind.target() == AlertKind.Target.NONE
                    ? "kind " + kind.id() + " takes no target" : "kind " + kind.id() + " needs a target ("
                    + kind.target().name().toLowerCase() + ")");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("for must not be negative");
        }
        if ((kind == AlertKind.NO_ORDERS) != (hours != null)) {
            throw new IllegalArgumentException(kind == AlertKind.NO_ORDERS
                    ? "kind no-orders needs hours (zone, days, from, to)" : "only kind no-orders takes hours");
        }
    }

    /** This rule's condition in {@code readings}. */
    public Check check(AlertReadings readings) {
        return switch (kind) {
            case DEAD_LETTERS -> above(readings.deadLetters().get(target), "dead letters waiting in " + target);
            case CONSUMER_LAG -> {
                AlertReadings.Flow flow = readings.flows().get(target);
                yield above(flow == null ? null : flow.lag(), "consumer lag of " + target);
            }
            case CIRCUIT_OPEN -> {
                String state = readings.circuits().get(target);
                yield state == null ? Check.unknown("circuit of " + target + " not known here")
                        : new Check(!"CLOSED".equals(state), "CLOSED".equals(state) ? 0.0 : 1.0,
                                "circuit of " + target + " is " + state);
            }
            case NO_ORDERS -> noOrders(readings);
            case P21_POLLER_FAILING -> readings.pollerFailing() == null ? Check.unknown("the P21 poller's meters are not in this process")
                    : new Check(readings.pollerFailing(), readings.pollerFailing() ? 1.0 : 0.0,
                            readings.pollerFailing() ? "the P21 poller's polls fail" : "the P21 poller polls");
            case RECONCILIATION_DIFFERENCE -> above(readings.reconciliationDifferences(), "orders with a reconciliation"
                    + " difference");
            case HOLD_WAITING -> above(readings.oldestHoldMinutes(), "minutes the oldest held order has waited for a"
                    + " decision");
        };
    }

    private Check noOrders(AlertReadings readings) {
        AlertReadings.Flow flow = readings.flows().get(target);
        if (flow == null) {
            return Check.unknown(target + " not sampled yet");
        }
        if (!hours.contains(readings.at())) {
            return new Check(false, flow.ratePerMinute(), "outside the hours " + hours.text());
        }
        return new Check(flow.ratePerMinute() == 0, flow.ratePerMinute(),
                String.format(java.util.Locale.ROOT, "%s at %.1f per minute", target, flow.ratePerMinute()));
    }

    private Check above(Number value, String what) {
        if (value == null) {
            return Check.unknown(what + " not known yet");
        }
        return new Check(value.longValue() > threshold, value.doubleValue(), what + ": " + value
                + (threshold > 0 ? " (bound " + threshold + ")" : ""));
    }

    /** The duration as the rules file writes it: {@code 0s}, {@code 90s}, {@code 5m}, {@code 2h}. */
    public String holdForText() {
        long seconds = holdFor.toSeconds();
        if (holdFor.toMillis() % 1000 != 0) {
            return holdFor.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
