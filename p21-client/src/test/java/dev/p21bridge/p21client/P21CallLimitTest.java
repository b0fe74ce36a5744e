package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21client.P21CallLimit.Permit;
import dev.p21bridge.p21client.P21CallLimit.Signal;
import java.util.ArrayList;
import java.util.List;
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
    void shouldClimbBackByOneCallPerAnswerWhileAtLeastHalfTheLimitIsInUseUpToTheMaximum() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            call(Signal.OVERLOADED);
        }
        assertThat(limit.limit()).isEqualTo(2);
        call(Signal.ANSWERED);
        assertThat(limit.limit()).as("one call of two in use is half").isEqualTo(3);
        for (int round = 0; round < 30; round++) {
            List<Permit> permits = new ArrayList<>();
            for (int i = 0; i < limit.limit(); i++) {
                permits.add(limit.acquire());
            }
            permits.forEach(permit -> permit.release(Signal.ANSWERED));
        }
        assertThat(limit.limit()).isEqualTo(16);
    }

    @Test
    void shouldNotRaiseTheLimitForAnswersWhileMostOfItIsIdle() throws InterruptedException {
        call(Signal.OVERLOADED);
        for (int i = 0; i < 100; i++) {
            call(Signal.ANSWERED);
        }
        assertThat(limit.limit()).as("one call at a time proves nothing about 14").isEqualTo(14);
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
        Permit first = one.acquire();
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

        first.release(Signal.ANSWERED);
        waiting.join(5_000);

        assertThat(waiting.isAlive()).isFalse();
        assertThat(one.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldLetAnInterruptedCallerGo() throws InterruptedException {
        P21CallLimit one = new P21CallLimit(1, 1);
        one.acquire();
        List<Throwable> thrown = new ArrayList<>();
        Thread waiting = new Thread(() -> {
            try {
                one.acquire();
            } catch (InterruptedException e) {
                thrown.add(e);
            }
        });
        waiting.start();
        waiting.join(200);
        waiting.interrupt();
        waiting.join(5_000);

        assertThat(waiting.isAlive()).isFalse();
        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
    }

    private void call(Signal signal) throws InterruptedException {
        limit.acquire().release(signal);
    }
}
