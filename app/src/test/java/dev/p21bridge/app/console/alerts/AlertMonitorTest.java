package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of rule on a clock moved by hand: pending while its condition holds for less than its duration, one
 * notification when it fires, none while it keeps firing, one when it resolves.
 */
class AlertMonitorTest {

    /** Monday 2026-12-07 15:00 UTC, 09:00 in Chicago. */
    private static final Instant MONDAY_NINE_CHICAGO = Instant.parse("2026-12-07T15:00:00Z");

    private final ManualClock clock = new ManualClock(MONDAY_NINE_CHICAGO);
    private final List<AlertNotification> sent = new CopyOnWriteArrayList<>();
    private volatile AlertReadings readings = readings(Map.of(), Map.of(), Map.of(), null, null);
    private AlertMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void shouldFireOnceWhenDeadLettersArriveAndResolveOnceWhenTheyAreReplayed() {
        start(new AlertRule("dlq", AlertKind.DEAD_LETTERS, "p21-sink", 0, Duration.ZERO, null));
        evaluateWith(readings(Map.of(), Map.of("p21-sink", 0), Map.of(), null, null));
        assertThat(state()).isEqualTo("inactive");

        evaluateWith(readings(Map.of(), Map.of("p21-sink", 2), Map.of(), null, null));
        evaluateWith(readings(Map.of(), Map.of("p21-sink", 3), Map.of(), null, null));
        awaitSent(1);
        assertThat(sent.get(0).edge()).isEqualTo(AlertNotification.Edge.FIRING);
        assertThat(sent.get(0).text()).contains("dead letters waiting in p21-sink: 2");

        evaluateWith(readings(Map.of(), Map.of("p21-sink", 0), Map.of(), null, null));
        awaitSent(2);
        assertThat(sent.get(1).edge()).isEqualTo(AlertNotification.Edge.RESOLVED);
        assertThat(state()).isEqualTo("resolved");
    }

    @Test
    void shouldFireOnLagOnlyWhenItStaysOverTheBoundForTheRulesDuration() {
        start(new AlertRule("lag", AlertKind.CONSUMER_LAG, "p21-orders", 100, Duration.ofMinutes(5), null));
        evaluateWith(lag(500));
        clock.advance(Duration.ofMinutes(3));
        evaluateWith(lag(20));  // cleared before its five minutes: back to inactive, nothing sent
        assertThat(state()).isEqualTo("inactive");

        evaluateWith(lag(500));
        assertThat(state()).isEqualTo("pending");
        clock.advance(Duration.ofMinutes(4));
        evaluateWith(lag(800));
        assertThat(state()).isEqualTo("pending");
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(lag(900));
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(lag(950));
        awaitSent(1);
        assertThat(state()).isEqualTo("firing");

        evaluateWith(lag(0));
        awaitSent(2);
        assertThat(sent).extracting(AlertNotification::edge)
                .containsExactly(AlertNotification.Edge.FIRING, AlertNotification.Edge.RESOLVED);
    }

    @Test
    void shouldFireWhenTheCircuitStaysOpenOrHalfOpenAndKeepItsStateWhileTheCircuitIsUnknown() {
        start(new AlertRule("circuit", AlertKind.CIRCUIT_OPEN, "p21-sink", 0, Duration.ofMinutes(2), null));
        evaluateWith(circuit("OPEN"));
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(circuit("HALF_OPEN"));  // a probe that fails opens it again: still not closed
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), null, null));  // not known: no change
        assertThat(state()).isEqualTo("pending");
        evaluateWith(circuit("OPEN"));
        awaitSent(1);

        clock.advance(Duration.ofMinutes(1));
        evaluateWith(circuit("CLOSED"));
        awaitSent(2);
        assertThat(sent.get(1).text()).contains("RESOLVED").contains("fired for 60 s");
    }

    @Test
    void shouldFireOnNoOrdersOnlyWithinTheMerchantsHoursInTheMerchantsTimeZone() {
        BusinessHours nineToFive = new BusinessHours(ZoneId.of("America/Chicago"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));
        start(new AlertRule("quiet", AlertKind.NO_ORDERS, "p21-orders", 0, Duration.ofMinutes(30), nineToFive));
        clock.advance(Duration.ofMinutes(-60));  // 08:00 in Chicago (14:00 UTC): before the shop's hours
        evaluateWith(rate(0));
        clock.advance(Duration.ofMinutes(45));
        evaluateWith(rate(0));
        assertThat(state()).as("the quiet hour before opening counts for nothing").isEqualTo("inactive");
        clock.advance(Duration.ofMinutes(15));
        evaluateWith(rate(0));
        assertThat(state()).isEqualTo("pending");
        assertThat(monitor.views().get(0).since()).isEqualTo(MONDAY_NINE_CHICAGO.toString());
        clock.advance(Duration.ofMinutes(29));
        evaluateWith(rate(0));
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(rate(0));
        awaitSent(1);

        clock.advance(Duration.ofMinutes(5));
        evaluateWith(rate(4.0));
        awaitSent(2);
        assertThat(sent.get(1).edge()).isEqualTo(AlertNotification.Edge.RESOLVED);
    }

    @Test
    void shouldFireWhenThePollerKeepsFailingAndResolveWhenAPollEndsWell() {
        start(new AlertRule("poller", AlertKind.P21_POLLER_FAILING, null, 0, Duration.ofMinutes(10), null));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), true, null));
        clock.advance(Duration.ofMinutes(10));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), true, null));
        clock.advance(Duration.ofMinutes(1));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), true, null));
        awaitSent(1);
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), false, null));
        awaitSent(2);
        assertThat(sent).hasSize(2);
    }

    @Test
    void shouldFireAtOnceOnAReconciliationDifferenceAndResolveWhenNoneIsLeft() {
        start(new AlertRule("recon", AlertKind.RECONCILIATION_DIFFERENCE, null, 0, Duration.ZERO, null));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), null, 0));
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), null, 1));
        awaitSent(1);
        assertThat(sent.get(0).text()).contains("orders with a reconciliation difference: 1");
        evaluateWith(readings(Map.of(), Map.of(), Map.of(), null, 0));
        awaitSent(2);
    }

    @Test
    void shouldFireAgainAfterResolvingWhenTheConditionReturns() {
        start(new AlertRule("dlq", AlertKind.DEAD_LETTERS, "p21-sink", 0, Duration.ZERO, null));
        for (int round = 0; round < 2; round++) {
            evaluateWith(readings(Map.of(), Map.of("p21-sink", 1), Map.of(), null, null));
            evaluateWith(readings(Map.of(), Map.of("p21-sink", 0), Map.of(), null, null));
        }
        awaitSent(4);
        assertThat(sent).extracting(AlertNotification::edge).containsExactly(AlertNotification.Edge.FIRING,
                AlertNotification.Edge.RESOLVED, AlertNotification.Edge.FIRING, AlertNotification.Edge.RESOLVED);
    }

    private void start(AlertRule rule) {
        AlertChannel recorder = new AlertChannel() {
            @Override
            public String id() {
                return "webhook";
            }

            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void send(AlertNotification notification) {
                sent.add(notification);
            }
        };
        AlertConfig config = new AlertConfig(null, Duration.ofSeconds(1), null, 25, AlertConfig.SmtpSecurity.NONE,
                null, "", "bridge@example.com", List.of(), null, 1, Duration.ofMillis(1));
        monitor = new AlertMonitor(List.of(rule), () -> readings, List.of(recorder), config, clock,
                new SimpleMeterRegistry());
    }

    private void evaluateWith(AlertReadings next) {
        readings = next;
        monitor.evaluate();
    }

    private String state() {
        return monitor.views().get(0).state();
    }

    private void awaitSent(int count) {
        Await.until(Duration.ofSeconds(5), () -> sent.size() >= count, () -> sent.size() + " of " + count + " sent");
        assertThat(sent).hasSize(count);
    }

    private AlertReadings readings(Map<String, AlertReadings.Flow> flows, Map<String, Integer> deadLetters,
                                   Map<String, String> circuits, Boolean pollerFailing, Integer differences) {
        return new AlertReadings(clock.instant(), flows, deadLetters, circuits, pollerFailing, differences, null);
    }

    private AlertReadings lag(long records) {
        return readings(Map.of("p21-orders", new AlertReadings.Flow(10, records)), Map.of(), Map.of(), null, null);
    }

    private AlertReadings rate(double perMinute) {
        return readings(Map.of("p21-orders", new AlertReadings.Flow(perMinute, 0L)), Map.of(), Map.of(), null, null);
    }

    private AlertReadings circuit(String state) {
        return readings(Map.of(), Map.of(), Map.of("p21-sink", state), null, null);
    }
}
