package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffRetryTest {

    private final BackoffRetry retry = BackoffRetry.standard();

    @Test
    void shouldDoubleTheDelayFromAHundredMillisecondsWithJitter() {
        for (int i = 0; i < 50; i++) {
            assertThat(retry.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(retry.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void shouldNeverWaitLongerThanFiveSecondsHoweverOftenItFailed() {
        for (int attempt = 1; attempt < 100; attempt++) {
            assertThat(retry.delay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        assertThat(retry.delay(1_000)).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void shouldKeepTheGapsBetweenTriesInPlaceShort() {
        BackoffRetry inPlace = BackoffRetry.inPlace();
        for (int i = 0; i < 50; i++) {
            assertThat(inPlace.delay(1)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
            assertThat(inPlace.delay(10)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }
}
