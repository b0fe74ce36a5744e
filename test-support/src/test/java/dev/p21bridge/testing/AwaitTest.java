package dev.p21bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void shouldReturnAsSoonAsTheConditionHolds() {
        AtomicInteger asked = new AtomicInteger();

        Await.until("the third question", Duration.ofSeconds(5), () -> asked.incrementAndGet() == 3);

        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldTreatAnExceptionAsNotYet() {
        AtomicInteger asked = new AtomicInteger();

        Await.until("a server that starts", Duration.ofSeconds(5), () -> {
            if (asked.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return true;
        });

        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldFailAfterTheDeadlineNamingWhatWasAwaitedWithTheStateAndTheLastException() {
        assertThatThrownBy(() -> Await.until("the order in P21", Duration.ofMillis(200), () -> {
            throw new IOException("connection refused");
        }, () -> "orders 0"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the order in P21 not within PT0.2S; orders 0")
                .hasCauseInstanceOf(IOException.class);
    }

    /** A CI log may show only the failure's message: a stalled worker of the project's own code must be in it. */
    @Test
    void shouldNameTheThreadsStandingInTheProjectsCodeInTheFailure() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread stalled = new Thread(() -> waitFor(release), "stalled-worker-1");
        stalled.start();
        Await.until("the worker waiting", Duration.ofSeconds(5), () -> stalled.getState() == Thread.State.WAITING);
        try {
            assertThatThrownBy(() -> Await.until("a confirmation", Duration.ofMillis(100), () -> false))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("threads in the project's code:")
                    .hasMessageContaining("stalled-worker-1 WAITING")
                    .hasMessageContaining("AwaitTest.waitFor");
        } finally {
            release.countDown();
            stalled.join();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
