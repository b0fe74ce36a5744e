package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21client.P21CallLimit.Signal;
import org.junit.jupiter.api.Test;

class P21CallLimitTest {

    private final P21CallLimit limit = new P21CallLimit(2, 16);

    @Test
    void shouldLowerTheLimitByATenthForEachCallThatTimedOut() throws InterruptedException {
        call(Signal.OVERLOADED);
        assertThat(limit.limit()).isEqualTo(14);
        for (int i = 0; i < 50; i++) {
            call(Signal.OVERLOADED);
        }
        assertThat(limit.limit()).as("never below the minimum").isEqualTo(2);
    }

    @Test
    void shouldClimbBackByAboutOneCallPerLimitAnswersUpToTheMaximum() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            call(Signal.OVERLOADED);
        }
        for (int i = 0; i < 10; i++) {
            call(Signal.ANSWERED);
        }
        assertThat(limit.limit()).isBetween(4, 5);
        for (int i = 0; i < 1_000; i++) {
            call(Signal.ANSWERED);
        }
        assertThat(limit.limit()).isEqualTo(16);
    }

    @Test
    void shouldNotMoveOnAPlain500() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            call(Signal.NEUTRAL);
        }
        assertThat(limit.limit()).isEqualTo(16);
    }

    @Test
    void shouldHoldACallerWhileTheLimitIsOut() throws InterruptedException {
        P21CallLimit one = new P21CallLimit(1, 1);
        one.acquire();
        Thread waiting = new Thread(() -> {
            try {
                one.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        waiting.join(200);
        assertThat(waiting.isAlive()).isTrue();

        one.release(Signal.ANSWERED);
        waiting.join(5_000);

        assertThat(waiting.isAlive()).isFalse();
        assertThat(one.inFlight()).isEqualTo(1);
    }

    private void call(Signal signal) throws InterruptedException {
        limit.acquire();
        limit.release(signal);
    }
}
