package dev.p21bridge.simulators.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDelivererTest {

    private static final String SECRET = "test-secret";
    private static final WebhookDeliverer.RetryPolicy FAST =
            new WebhookDeliverer.RetryPolicy(8, Duration.ofMillis(20), Duration.ofMillis(200));

    @Test
    void shouldRetryA503UntilTheReceiverAcceptsWithTheSameIdAndAFreshSignature() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET, n -> n <= 2 ? 503 : 202);
             WebhookDeliverer deliverer = deliverer(receiver)) {
            WebhookDeliverer.Report report = deliverer.deliver(List.of(event("evt-1", false)));

            assertThat(report).isEqualTo(new WebhookDeliverer.Report(1, 0));
            assertThat(receiver.deliveries()).hasSize(3)
                    .allSatisfy(d -> {
                        assertThat(d.id()).isEqualTo("evt-1");
                        assertThat(d.event()).isEqualTo("order.created");
                        assertThat(d.signatureValid()).isTrue();
                    });
        }
    }

    @Test
    void shouldGiveUpOnA400WithoutRetrying() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET, n -> 400);
             WebhookDeliverer deliverer = deliverer(receiver)) {
            WebhookDeliverer.Report report = deliverer.deliver(List.of(event("evt-1", true)));

            assertThat(report).isEqualTo(new WebhookDeliverer.Report(0, 1));
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET, n -> 500);
             WebhookDeliverer deliverer = deliverer(receiver)) {
            WebhookDeliverer.Report report = deliverer.deliver(List.of(event("evt-1", false)));

            assertThat(report).isEqualTo(new WebhookDeliverer.Report(0, 1));
            assertThat(receiver.deliveries()).hasSize(FAST.maxAttempts());
        }
    }

    @Test
    void shouldRedeliverAnAcceptedEventOnceUnderTheSameId() {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             WebhookDeliverer deliverer = deliverer(receiver)) {
            WebhookDeliverer.Report report = deliverer.deliver(List.of(event("evt-1", true), event("evt-2", false)));

            assertThat(report).isEqualTo(new WebhookDeliverer.Report(3, 0));
            assertThat(receiver.deliveries()).extracting(RecordingWebhookReceiver.Delivery::id)
                    .containsExactlyInAnyOrder("evt-1", "evt-1", "evt-2");
        }
    }

    private static WebhookDeliverer deliverer(RecordingWebhookReceiver receiver) {
        return new WebhookDeliverer(receiver.url("xcart"), SECRET, "test", 16, FAST, Clock.systemUTC());
    }

    private static WebhookEvent event(String id, boolean redeliver) {
        return new WebhookEvent(id, "order.created", "{\"id\":1}".getBytes(StandardCharsets.UTF_8), redeliver);
    }
}
