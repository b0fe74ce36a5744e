package dev.p21bridge.platform.retry;

import dev.p21bridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.retry.CircuitBreaker.Permit;
import dev.p21bridge.platform.retry.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker("p21", 3, Duration.ofSeconds(10),
            Duration.ofSeconds(30), clock);

    @Test
    void shouldStayClosedWhileFailuresAreFewerThanTheThreshold() {
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isPresent();
    }

    @Test
    void shouldOpenAfterTheThresholdOfFailuresInARowAndRefuseCalls() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isEmpty();
        assertThat(breaker.permitsCalls()).isFalse();
        assertThat(breaker.timesOpened()).isEqualTo(1);
    }

    @Test
    void shouldNotOpenWhenASuccessComesBetweenTheFailures() {
        fail(2);
        breaker.succeeded(breaker.tryAcquire().orElseThrow());
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldStartCountingAgainWhenTheRunOfFailuresIsOlderThanTheWindow() {
        fail(2);
        clock.advance(Duration.ofSeconds(11));
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldLetExactlyOneProbeThroughOnceTheOpenTimeIsOver() {
        fail(3);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(breaker.permitsCalls()).isTrue();
        Permit probe = breaker.tryAcquire().orElseThrow();

        assertThat(probe.probe()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isEmpty();
        assertThat(breaker.permitsCalls()).isFalse();
    }

    @Test
    void shouldCloseWhenTheProbeSucceeds() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        breaker.succeeded(breaker.tryAcquire().orElseThrow());

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isPresent();
        assertThat(breaker.tryAcquire()).isPresent();
    }

    @Test
    void shouldOpenAgainForTheWholeOpenTimeWhenTheProbeFails() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        breaker.failed(breaker.tryAcquire().orElseThrow());

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isEmpty();
    }

    @Test
    void shouldIgnoreTheLateAnswerOfACallMadeBeforeTheCircuitOpened() {
        Permit early = breaker.tryAcquire().orElseThrow();
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        Permit probe = breaker.tryAcquire().orElseThrow();

        breaker.succeeded(early);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.failed(early);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.succeeded(probe);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldLetAnotherProbeGoWhenTheFirstWasAbandonedOrNeverAnswered() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        breaker.abandoned(breaker.tryAcquire().orElseThrow());
        Permit second = breaker.tryAcquire().orElseThrow();
        assertThat(breaker.tryAcquire()).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        Permit third = breaker.tryAcquire().orElseThrow();
        breaker.succeeded(second);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.succeeded(third);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldGiveOneProbeOnlyWhenManyThreadsAskAtOnce() throws Exception {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return breaker.tryAcquire().isPresent();
            }));
        }
        start.countDown();
        int permits = 0;
        for (Future<Boolean> answer : answers) {
            permits += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdownNow();

        assertThat(permits).isEqualTo(1);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.failed(breaker.tryAcquire().orElseThrow());
        }
    }
}
