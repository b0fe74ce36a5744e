package dev.p21bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
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
                .hasMessage("the order in P21 not within PT0.2S; orders 0")
                .hasCauseInstanceOf(IOException.class);
    }
}
