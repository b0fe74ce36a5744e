package dev.p21bridge.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook counters of one store (tag {@code source}: the store's name, its platform's for the default stores), registered up front so every series exists (at zero) before the first
 * webhook and counting needs no lookup: {@code bridge_webhooks_accepted_total{source,event}},
 * {@code bridge_webhooks_rejected_total{source,reason}}, {@code bridge_webhook_ack_seconds{source}}, the time
 * from receiving a webhook to Kafka's acknowledgement, and {@code bridge_webhook_bodies_reading{source}}, the
 * requests whose body is still arriving (each holds a request thread; slow senders show here first).
 */
final class WebhookMetrics {

    private final Map<WebhookEvent, Counter> accepted = new EnumMap<>(WebhookEvent.class);
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    private final Timer ackTime;
    private final AtomicInteger reading = new AtomicInteger();

    WebhookMetrics(MeterRegistry registry, String store) {
        for (WebhookEvent event : WebhookEvent.values()) {
            accepted.put(event, Counter.builder("bridge.webhooks.accepted")
                    .description("webhooks written to their raw topic and acknowledged by Kafka")
                    .tag("source", store).tag("event", event.type()).register(registry));
        }
        for (Rejection rejection : Rejection.values()) {
            rejected.put(rejection, Counter.builder("bridge.webhooks.rejected")
                    .description("webhooks answered with an error, by reason")
                    .tag("source", store).tag("reason", rejection.reason()).register(registry));
        }
        ackTime = Timer.builder("bridge.webhook.ack")
                .description("time from receiving an accepted webhook to Kafka's acknowledgement")
                .tag("source", store).register(registry);
        Gauge.builder("bridge.webhook.bodies.reading", reading, AtomicInteger::get)
                .description("webhook requests whose body is still arriving")
                .tag("source", store).register(registry);
    }

    void readingStarted() {
        reading.incrementAndGet();
    }

    void readingEnded() {
        reading.decrementAndGet();
    }

    void accepted(WebhookEvent event, long receivedNanos) {
        accepted.get(event).increment();
        ackTime.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void rejected(Rejection rejection) {
        rejected.get(rejection).increment();
    }
}
