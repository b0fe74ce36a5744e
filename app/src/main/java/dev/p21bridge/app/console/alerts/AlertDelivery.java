package dev.p21bridge.app.console.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to the channels, each channel on its own thread in the order they came (a resolved never
 * overtakes its firing), each tried up to {@code tries} times with a doubling wait. What happened is kept per rule
 * (the last few, for the Alerts page and {@code GET /api/alerts}) and counted in
 * {@code bridge.alert.notifications{channel, outcome=sent|failed}}. A failure is logged with its reason only: the
 * exception's text may quote an address.
 */
final class AlertDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final int KEPT_PER_RULE = 6;

    /** One notification's fate on one channel. */
    record Outcome(String rule, AlertNotification.Edge edge, String channel, Instant at, boolean sent, int tries,
                   String error) {
    }

    private final List<AlertChannel> channels;
    private final int tries;
    private final Duration retryDelay;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, ExecutorService> lanes = new HashMap<>();
    private final Map<String, Deque<Outcome>> outcomes = new HashMap<>();

    AlertDelivery(List<AlertChannel> channels, int tries, Duration retryDelay, Clock clock, MeterRegistry metrics) {
        this.channels = List.copyOf(channels);
        this.tries = tries;
        this.retryDelay = retryDelay;
        this.clock = clock;
        this.metrics = metrics;
        for (AlertChannel channel : this.channels) {
            lanes.put(channel.id(), Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "console-alerts-" + channel.id());
                thread.setDaemon(true);
                return thread;
            }));
            for (String outcome : List.of("sent", "failed")) {
                counter(channel, outcome);
            }
        }
    }

    List<String> channelNames() {
        return channels.stream().map(AlertChannel::name).toList();
    }

    /** Queues the notification on every channel; returns at once. */
    void deliver(AlertNotification notification) {
        for (AlertChannel channel : channels) {
            lanes.get(channel.id()).execute(() -> send(channel, notification));
        }
    }

    /** The last outcomes of a rule's notifications, newest first. */
    synchronized List<Outcome> outcomes(String rule) {
        Deque<Outcome> kept = outcomes.get(rule);
        return kept == null ? List.of() : new ArrayList<>(kept);
    }

    private void send(AlertChannel channel, AlertNotification notification) {
        String error = null;
        long wait = retryDelay.toMillis();
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                channel.send(notification);
                record(new Outcome(notification.rule(), notification.edge(), channel.name(), clock.instant(), true,
                        attempt, null), channel);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
                log.warn("alert {} ({}) not delivered by {} (try {} of {}): {}", notification.rule(),
                        notification.edge(), channel.name(), attempt, tries, error);
            }
            if (attempt < tries && !pause(wait)) {
                return;
            }
            wait *= 2;
        }
        record(new Outcome(notification.rule(), notification.edge(), channel.name(), clock.instant(), false, tries,
                error), channel);
    }

    /** The wait between tries: this lane's thread has nothing else to do meanwhile. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(Outcome outcome, AlertChannel channel) {
        counter(channel, outcome.sent() ? "sent" : "failed").increment();
        synchronized (this) {
            Deque<Outcome> kept = outcomes.computeIfAbsent(outcome.rule(), rule -> new ArrayDeque<>());
            kept.addFirst(outcome);
            while (kept.size() > KEPT_PER_RULE) {
                kept.removeLast();
            }
        }
    }

    private Counter counter(AlertChannel channel, String outcome) {
        return Counter.builder("bridge.alert.notifications").tag("channel", channel.id()).tag("outcome", outcome)
                .description("alert notifications per channel that were sent or failed after every try")
                .register(metrics);
    }

    @Override
    public void close() {
        lanes.values().forEach(lane -> {
            lane.shutdown();
            try {
                lane.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lane.shutdownNow();
        });
    }
}
