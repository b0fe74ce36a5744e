package dev.p21bridge.platform.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Absorbs a target's random faults where they happen: a delivery that failed transiently is tried again on the spot,
 * after a jittered exponential backoff ({@link BackoffRetry}) or the target's {@code Retry-After} when longer, for at
 * most {@code tries} tries and {@code budget} from the first one. It stops early when the target's circuit is not
 * closed (an outage is the retry topics' business, not a worker's) or when the failure says waiting here cannot help.
 * Only what still fails is given up, and the caller moves it to a retry topic.
 *
 * <p>Each try must be safe to repeat: a writer whose write may have been applied looks it up before writing again.
 * A wait ends early when the caller's partition is revoked ({@link Wait}), and the delivery is then abandoned.
 * Thread-safe; one per target.
 */
public final class InPlaceRetry {

    /** Why a try failed, as the retry sees it: P21's words, how long it asked to wait, whether waiting here helps. */
    public record Failure(String reason, Duration retryAfter, boolean inPlace) {

        public static Failure of(String reason, Duration retryAfter) {
            return new Failure(reason, retryAfter, true);
        }
    }

    /** How the tries of one delivery ended. */
    public sealed interface Outcome<R> {
        /** A try answered something that is not a transient failure: done, refused, found. */
        record Settled<R>(R result, int tries) implements Outcome<R> {
        }

        /** Every try failed transiently; {@code last} is the last failure, for the retry topic. */
        record GaveUp<R>(Failure last, int tries) implements Outcome<R> {
        }

        /** The partition was revoked during a wait; its next owner redoes the record. */
        record Revoked<R>() implements Outcome<R> {
        }
    }

    /** Waits {@code delay} unless the delivery's partition is revoked first (then true). */
    @FunctionalInterface
    public interface Wait {
        boolean revokedWithin(Duration delay);
    }

    private final Duration budget;
    private final int tries;
    private final BackoffRetry backoff;
    private final CircuitBreaker breaker;
    private final Clock clock;

    /**
     * @param budget  how long the tries of one delivery may take from the first one's start, waits included
     * @param tries   the most tries of one delivery, the first included
     * @param backoff the gaps between tries when the target did not say how long to wait
     * @param breaker the target's circuit: while it is not closed, a failure is given up at once
     */
    public InPlaceRetry(Duration budget, int tries, BackoffRetry backoff, CircuitBreaker breaker, Clock clock) {
        if (budget.isNegative() || tries < 1) {
            throw new IllegalArgumentException("need a budget >= 0 and at least one try");
        }
        this.budget = budget;
        this.tries = tries;
        this.backoff = backoff;
        this.breaker = breaker;
        this.clock = clock;
    }

    /** The gaps for a target that answers in milliseconds: 50-100 ms doubling to 0.5-1 s. */
    public static BackoffRetry defaultBackoff() {
        return new BackoffRetry(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /**
     * Tries {@code attempt} until {@code failureOf} finds no transient failure in its result, or the policy gives up.
     * A throwable of the attempt passes through (the caller's fault, not the target's).
     */
    public <R> Outcome<R> run(Supplier<R> attempt, Function<R, Optional<Failure>> failureOf, Wait wait) {
        Instant start = clock.instant();
        for (int tried = 1; ; tried++) {
            R result = attempt.get();
            Optional<Failure> failure = failureOf.apply(result);
            if (failure.isEmpty()) {
                return new Outcome.Settled<>(result, tried);
            }
            Optional<Duration> pause = nextWait(tried, Duration.between(start, clock.instant()), failure.get());
            if (pause.isEmpty()) {
                return new Outcome.GaveUp<>(failure.get(), tried);
            }
            if (wait.revokedWithin(pause.get())) {
                return new Outcome.Revoked<>();
            }
        }
    }

    /**
     * The wait before the next try after try number {@code tried} failed with {@code failure}, {@code elapsed} after
     * the first one started; empty to give up. The wait is the backoff's, or P21's Retry-After when longer; a wait
     * that would end past the budget is not started.
     */
    public Optional<Duration> nextWait(int tried, Duration elapsed, Failure failure) {
        if (!failure.inPlace() || tried >= tries || breaker.state() != CircuitBreaker.State.CLOSED) {
            return Optional.empty();
        }
        Duration pause = backoff.delay(tried);
        if (failure.retryAfter().compareTo(pause) > 0) {
            pause = failure.retryAfter();
        }
        return elapsed.plus(pause).compareTo(budget) < 0 ? Optional.of(pause) : Optional.empty();
    }

    public Duration budget() {
        return budget;
    }

    public int tries() {
        return tries;
    }
}
