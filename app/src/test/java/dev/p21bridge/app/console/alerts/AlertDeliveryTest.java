package dev.p21bridge.app.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final AlertNotification FIRING = new AlertNotification("dlq", AlertKind.DEAD_LETTERS,
            AlertNotification.Edge.FIRING, NOW, NOW, "dead letters waiting in p21-sink: 1");

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void shouldTryAgainUntilTheChannelAcceptsAndCountOneSentNotification() {
        FlakyChannel channel = new FlakyChannel(2);
        try (AlertDelivery delivery = new AlertDelivery(List.of(channel), 3, Duration.ofMillis(1),
                new ManualClock(NOW), metrics)) {
            delivery.deliver(FIRING);
            Await.until(Duration.ofSeconds(5), () -> !delivery.outcomes("dlq").isEmpty());
            AlertDelivery.Outcome outcome = delivery.outcomes("dlq").get(0);
            assertThat(outcome.sent()).isTrue();
            assertThat(outcome.tries()).isEqualTo(3);
            assertThat(count("sent")).isEqualTo(1.0);
            assertThat(count("failed")).isZero();
        }
    }

    @Test
    void shouldShowAndCountANotificationThatFailedEveryTry() {
        FlakyChannel channel = new FlakyChannel(Integer.MAX_VALUE);
        try (AlertDelivery delivery = new AlertDelivery(List.of(channel), 3, Duration.ofMillis(1),
                new ManualClock(NOW), metrics)) {
            delivery.deliver(FIRING);
            Await.until(Duration.ofSeconds(5), () -> !delivery.outcomes("dlq").isEmpty());
            AlertDelivery.Outcome outcome = delivery.outcomes("dlq").get(0);
            assertThat(outcome.sent()).isFalse();
            assertThat(outcome.error()).isEqualTo("IOException");
            assertThat(channel.calls.get()).isEqualTo(3);
            assertThat(count("failed")).isEqualTo(1.0);
        }
    }

    private double count(String outcome) {
        return metrics.get("bridge.alert.notifications").tag("channel", "webhook").tag("outcome", outcome)
                .counter().count();
    }

    /** Refuses its first {@code failures} calls. */
    private static final class FlakyChannel implements AlertChannel {

        private final int failures;
        private final AtomicInteger calls = new AtomicInteger();

        FlakyChannel(int failures) {
            this.failures = failures;
        }

        @Override
        public String id() {
            return "webhook";
        }

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public void send(AlertNotification notification) throws IOException {
            if (calls.incrementAndGet() <= failures) {
                throw new IOException("the webhook answered 503 for hooks.example.com/secret-token");
            }
        }
    }
}
