package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class P21CallTimeoutsTest {

    private final P21CallTimeouts timeouts = new P21CallTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void shouldGiveTheCeilingUntilAKindOfCallHasEnoughAnswers() {
        answer("transaction-order", 19, Duration.ofMillis(200));

        assertThat(timeouts.timeoutOf("transaction-order")).isEqualTo(Duration.ofSeconds(10));
        assertThat(timeouts.timeoutOf("odata-oe_hdr")).isEqualTo(Duration.ofSeconds(10));
    }

    /** A rare kind (the look-up after a lost answer) must not wait out the ceiling, and a record's budget with it. */
    @Test
    void shouldGiveAKindWithTooFewAnswersWhatAllCallsTogetherLearned() {
        answer("transaction-order", 100, Duration.ofMillis(300));
        answer("odata-customer", 3, Duration.ofMillis(100));

        assertThat(timeouts.timeoutOf("odata-customer")).isEqualTo(Duration.ofMillis(1_200));
        assertThat(timeouts.timeoutOf("odata-invoice_hdr")).isEqualTo(Duration.ofMillis(1_200));
    }

    @Test
    void shouldFollowFourTimesTheP90OfTheAnswersOfTheSameKind() {
        answer("transaction-order", 90, Duration.ofMillis(300));
        answer("transaction-order", 10, Duration.ofMillis(2_000));
        answer("odata-oe_hdr", 100, Duration.ofMillis(20));

        assertThat(timeouts.timeoutOf("transaction-order")).isEqualTo(Duration.ofMillis(1_200));
        assertThat(timeouts.timeoutOf("odata-oe_hdr")).as("the floor").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldNotStretchTheTimeoutForAFewCallsThatHang() {
        answer("transaction-order", 95, Duration.ofMillis(300));
        for (int i = 0; i < 5; i++) {
            timeouts.timedOut("transaction-order", timeouts.timeoutOf("transaction-order"));
        }

        assertThat(timeouts.timeoutOf("transaction-order")).isEqualTo(Duration.ofMillis(1_200));
    }

    @Test
    void shouldClimbToTheCeilingWhenP21BecomesSlowerThanTheTimeout() {
        answer("transaction-order", 100, Duration.ofMillis(300));
        for (int i = 0; i < 100; i++) {
            timeouts.timedOut("transaction-order", timeouts.timeoutOf("transaction-order"));
        }

        assertThat(timeouts.timeoutOf("transaction-order")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldNotAdaptWhenTheFloorIsTheCeiling() {
        P21CallTimeouts fixed = P21CallTimeouts.fixed(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            fixed.answered("transaction-order", Duration.ofMillis(5));
        }

        assertThat(fixed.timeoutOf("transaction-order")).isEqualTo(Duration.ofSeconds(10));
    }

    private void answer(String call, int times, Duration took) {
        for (int i = 0; i < times; i++) {
            timeouts.answered(call, took);
        }
    }
}
