package dev.p21bridge.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-10-21T07:27:00Z");

    @Test
    void shouldReadDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDateAsTheTimeUntilIt() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(60));
    }

    @Test
    void shouldTakeAnHttpDateInThePastAsNow() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreWhatIsNeitherSecondsNorADate() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
    }

    /**
     * A Retry-After is a number the server chose; the sinks add it to the clock ({@code now.plus(retryAfter)}), which
     * throws for a delay past Instant.MAX. Every readable delay is capped, so adding it to any clock reading is safe.
     */
    @Test
    void shouldCapADelaySoThatAddingItToTheClockCannotOverflow() {
        for (String huge : new String[] {"9223372036854775807", "99999999999999999", "31556889864403200",
                "Fri, 31 Dec 9999 23:59:59 GMT"}) {
            Duration delay = RetryAfter.parse(huge, NOW).orElseThrow();

            assertThat(delay).as(huge).isEqualTo(RetryAfter.MAX_DELAY);
            assertThat(NOW.plus(delay)).as(huge).isAfter(NOW);
        }
        assertThat(RetryAfter.parse(Long.toString(RetryAfter.MAX_DELAY.toSeconds()), NOW))
                .contains(RetryAfter.MAX_DELAY);
    }
}
