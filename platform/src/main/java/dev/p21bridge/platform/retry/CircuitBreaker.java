package dev.p21bridge.platform.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops a sink from hammering a target that is down. Closed, every call is permitted; {@code failures} failures in a
 * row (no success between them) within {@code window} open it. Open, calls are refused without being made for
 * {@code openFor}; then it turns half-open and lets exactly one probe call through. The probe's success closes it,
 * its failure opens it for another {@code openFor}. A probe that never reports (its thread died) is replaced after
 * {@code openFor}.
 *
 * <p>Failures in a row rather than a rate: a target that answers most calls is up, even when it fails many, and
 * the sink's retries handle those; only a target that answers nothing usable should stop the traffic.
 *
 * <p>A caller asks {@link #tryAcquire()} before each call and reports the outcome on the permit it got. Reports from
 * calls started before the circuit last changed state do not move it, except failures while it is closed.
 * Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's state; {@link #ordinal()} is what the {@code circuit.state} gauges show (0 closed). */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Leave to make one call; report its outcome with {@link #succeeded(Permit)} or {@link #failed(Permit)}. */
    public record Permit(long generation, boolean probe) {
    }

    private final String target;
    private final int failures;
    private final Duration window;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private long generation;
    private int run;
    private Instant runStart;
    private Instant openedAt;
    private Instant probeSince;
    private long timesOpened;

    public CircuitBreaker(String target, int failures, Duration window, Duration openFor, Clock clock) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        this.target = target;
        this.failures = failures;
        this.window = window;
        this.openFor = openFor;
        this.clock = clock;
    }

    public static CircuitBreaker of(String target, RetryConfig config, Clock clock) {
        return new CircuitBreaker(target, config.circuitFailures(), config.circuitWindow(), config.circuitOpenFor(),
                clock);
    }

    /** A permit to call the target now, or empty when the circuit refuses (open, or half-open with a probe out). */
    public synchronized Optional<Permit> tryAcquire() {
        Instant now = clock.instant();
        switch (state) {
            case CLOSED:
                return Optional.of(new Permit(generation, false));
            case OPEN:
                if (now.isBefore(openedAt.plus(openFor))) {
                    return Optional.empty();
                }
                state = State.HALF_OPEN;
                generation++;
                probeSince = now;
                return Optional.of(new Permit(generation, true));
            default:
                if (probeSince != null && now.isBefore(probeSince.plus(openFor))) {
                    return Optional.empty();
                }
                generation++;
                probeSince = now;
                return Optional.of(new Permit(generation, true));
        }
    }

    /** The target answered usably (including a business refusal: it is up). */
    public synchronized void succeeded(Permit permit) {
        if (state == State.CLOSED) {
            run = 0;
            runStart = null;
        } else if (isCurrentProbe(permit)) {
            state = State.CLOSED;
            generation++;
            run = 0;
            runStart = null;
            probeSince = null;
        }
    }

    /** The target did not answer usably (no answer, 5xx, 408, 429). */
    public synchronized void failed(Permit permit) {
        Instant now = clock.instant();
        if (state == State.CLOSED) {
            if (runStart == null || now.isAfter(runStart.plus(window))) {
                run = 0;
                runStart = now;
            }
            if (++run >= failures) {
                open(now);
            }
        } else if (isCurrentProbe(permit)) {
            open(now);
        }
    }

    /** The call ended without telling anything about the target (e.g. a bug of the caller); a probe may go again. */
    public synchronized void abandoned(Permit permit) {
        if (isCurrentProbe(permit)) {
            probeSince = null;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** True when {@link #tryAcquire()} would give a permit now; lets a consumer hold its records instead of failing them. */
    public synchronized boolean permitsCalls() {
        Instant now = clock.instant();
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> !now.isBefore(openedAt.plus(openFor));
            case HALF_OPEN -> probeSince == null || !now.isBefore(probeSince.plus(openFor));
        };
    }

    /** How often the circuit opened since start (a re-opening after a failed probe counts too). */
    public synchronized long timesOpened() {
        return timesOpened;
    }

    public String target() {
        return target;
    }

    private boolean isCurrentProbe(Permit permit) {
        return state == State.HALF_OPEN && permit.probe() && permit.generation() == generation;
    }

    private void open(Instant now) {
        state = State.OPEN;
        generation++;
        openedAt = now;
        probeSince = null;
        run = 0;
        runStart = null;
        timesOpened++;
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + target + " " + state + "]";
    }
}
