package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.InPlaceRetry.Failure;
import dev.p21bridge.platform.retry.InPlaceRetry.Outcome;
import dev.p21bridge.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InPlaceRetryTest {

    private static final Failure FAULT = Failure.of("P21 answered 500: Unexpected response window", Duration.ZERO);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker("p21", 3, Duration.ofSeconds(10),
            Duration.ofSeconds(30), clock);
    private final InPlaceRetry retry = new InPlaceRetry(Duration.ofSeconds(8), 6, InPlaceRetry.defaultBackoff(),
            breaker, clock);
    /** The waits asked for; each advances the clock by itself, as a real wait would. */
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void shouldTryAgainAfterATransientFailureAndSettleOnTheFirstAnswerThatIsNotOne() {
        AtomicInteger calls = new AtomicInteger();

        Outcome<String> outcome = retry.run(() -> calls.incrementAndGet() < 3 ? "fault" : "created",
                result -> result.equals("fault") ? Optional.of(FAULT) : Optional.empty(), this::waitFor);

        assertThat(outcome).isEqualTo(new Outcome.Settled<>("created", 3));
        assertThat(waits).hasSize(2);
    }

    @Test
    void shouldJitterEachGapBetweenHalfAndAllOfItsDoublingStepUpToASecond() {
        for (int i = 0; i < 200; i++) {
            assertThat(retry.nextWait(1, Duration.ZERO, FAULT)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
            assertThat(retry.nextWait(3, Duration.ZERO, FAULT)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(400)));
            assertThat(retry.nextWait(4, Duration.ZERO, FAULT)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(400), Duration.ofMillis(800)));
            assertThat(retry.nextWait(5, Duration.ZERO, FAULT)).get()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000)));
        }
    }

    @Test
    void shouldGiveUpAfterTheLastTryWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();

        Outcome<String> outcome = retry.run(() -> "fault " + calls.incrementAndGet(),
                result -> Optional.of(Failure.of(result, Duration.ZERO)), this::waitFor);

        assertThat(outcome).isEqualTo(new Outcome.GaveUp<>(Failure.of("fault 6", Duration.ZERO), 6));
        assertThat(waits).hasSize(5);
    }

    @Test
    void shouldNotStartAWaitThatWouldEndPastTheBudget() {
        assertThat(retry.nextWait(1, Duration.ofMillis(7_800), FAULT)).get();
        assertThat(retry.nextWait(1, Duration.ofMillis(7_950), FAULT)).isEmpty();
        assertThat(retry.nextWait(1, Duration.ofSeconds(5), Failure.of("429", Duration.ofSeconds(3)))).isEmpty();
    }

    @Test
    void shouldStopWithinTheBudgetWhenEveryTryIsSlow() {
        Outcome<String> outcome = retry.run(() -> {
            clock.advance(Duration.ofSeconds(3));
            return "timed out";
        }, result -> Optional.of(Failure.of(result, Duration.ZERO)), this::waitFor);

        assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
        assertThat(((Outcome.GaveUp<String>) outcome).tries()).isEqualTo(3);
    }

    @Test
    void shouldHonourARetryAfterWithinTheBudgetInPlace() {
        Failure throttled = Failure.of("P21 answered 429", Duration.ofSeconds(2));

        assertThat(retry.nextWait(1, Duration.ZERO, throttled)).contains(Duration.ofSeconds(2));
        assertThat(retry.nextWait(1, Duration.ZERO, Failure.of("P21 answered 503", Duration.ofSeconds(30))))
                .as("beyond the budget: the retry topic honours it").isEmpty();
    }

    @Test
    void shouldWaitTheBackoffWhenItIsLongerThanTheRetryAfter() {
        Failure soon = Failure.of("P21 answered 429", Duration.ofMillis(10));

        assertThat(retry.nextWait(5, Duration.ZERO, soon)).get()
                .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void shouldGiveUpAtOnceWhileTheCircuitIsNotClosed() {
        for (int i = 0; i < 3; i++) {
            breaker.failed(breaker.tryAcquire().orElseThrow());
        }

        assertThat(retry.nextWait(1, Duration.ZERO, FAULT)).isEmpty();
    }

    @Test
    void shouldGiveUpAtOnceOnAFailureThatWaitingHereCannotHelp() {
        assertThat(retry.nextWait(1, Duration.ZERO, new Failure("order not yet in P21", Duration.ZERO, false)))
                .isEmpty();
    }

    @Test
    void shouldStopWaitingWhenThePartitionIsRevoked() {
        Outcome<String> outcome = retry.run(() -> "fault", result -> Optional.of(FAULT), delay -> true);

        assertThat(outcome).isEqualTo(new Outcome.Revoked<>());
    }

    private boolean waitFor(Duration delay) {
        waits.add(delay);
        clock.advance(delay);
        return false;
    }
}
