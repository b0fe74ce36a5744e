package dev.p21bridge.app.console.alerts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule against the latest {@link AlertReadings} at a fixed interval and notifies the channels on each
 * rule's two edges ({@link AlertState}). State lives in memory: after a console restart a condition that still holds
 * fires again once its duration has passed anew. Each rule's phase and last value are gauges
 * ({@code bridge.alert.state}: 0 inactive, 1 pending, 2 firing, 3 resolved; {@code bridge.alert.value}), which the
 * generated Prometheus rules read for the kinds no service meters itself.
 */
public final class AlertMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

    private final List<AlertRule> rules;
    private final Map<String, AlertState> states = new LinkedHashMap<>();
    private final Supplier<AlertReadings> readings;
    private final AlertDelivery delivery;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService evaluator = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-alerts");
        thread.setDaemon(true);
        return thread;
    });

    /** @param readings called once per evaluation, on the monitor's own thread */
    public AlertMonitor(List<AlertRule> rules, Supplier<AlertReadings> readings, List<AlertChannel> channels,
                        AlertConfig config, Clock clock, MeterRegistry metrics) {
        this.rules = List.copyOf(rules);
        this.readings = readings;
        this.clock = clock;
        this.interval = config.interval();
        this.delivery = new AlertDelivery(channels, config.tries(), config.retryDelay(), clock, metrics);
        for (AlertRule rule : this.rules) {
            AlertState state = new AlertState();
            states.put(rule.name(), state);
            Gauge.builder("bridge.alert.state", state, s -> s.phase().ordinal()).tag("rule", rule.name())
                    .description("the alert rule's state: 0 inactive, 1 pending, 2 firing, 3 resolved")
                    .strongReference(true).register(metrics);
            Gauge.builder("bridge.alert.value", state, AlertMonitor::value).tag("rule", rule.name())
                    .description("what the alert rule last compared (a count, lag, 1 for an open circuit); NaN: unknown")
                    .strongReference(true).register(metrics);
        }
    }

    /** The channels of {@code config} that are set. */
    public static List<AlertChannel> channels(AlertConfig config) {
        List<AlertChannel> channels = new ArrayList<>();
        if (config.smtpHost() != null) {
            channels.add(new SmtpAlertChannel(config));
        }
        if (config.webhook() != null) {
            channels.add(new WebhookAlertChannel(config.webhook()));
        }
        return channels;
    }

    public AlertMonitor start() {
        long millis = interval.toMillis();
        evaluator.scheduleWithFixedDelay(this::evaluateSafely, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One evaluation of every rule; the scheduler's task, and a test's. */
    public void evaluate() {
        AlertReadings now = readings.get();
        Instant at = clock.instant();
        for (AlertRule rule : rules) {
            AlertState state = states.get(rule.name());
            Instant firingSince = state.since();
            AlertRule.Check check = rule.check(now);
            Optional<AlertNotification.Edge> edge = state.observe(check, at, rule.holdFor());
            edge.ifPresent(crossed -> {
                AlertNotification notification = new AlertNotification(rule.name(), rule.kind(), crossed, at,
                        crossed == AlertNotification.Edge.FIRING ? at : firingSince, check.detail());
                log.info("alert {} {}: {}", rule.name(), crossed.name().toLowerCase(Locale.ROOT), check.detail());
                delivery.deliver(notification);
            });
        }
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again
            log.warn("evaluating the alert rules failed", e);
        }
    }

    public List<AlertView> views() {
        List<AlertView> views = new ArrayList<>();
        for (AlertRule rule : rules) {
            AlertState state = states.get(rule.name());
            views.add(new AlertView(rule.name(), rule.kind().id(), rule.target(), rule.threshold(),
                    rule.holdForText(), rule.hours() == null ? null : rule.hours().text(),
                    state.phase().name().toLowerCase(Locale.ROOT), text(state.since()), state.last().detail(),
                    delivery.outcomes(rule.name()).stream().map(o -> new AlertView.Notification(
                            o.edge().name().toLowerCase(Locale.ROOT), o.channel(), text(o.at()), o.sent(), o.tries(),
                            o.error())).toList()));
        }
        return views;
    }

    /** The channels' names, safe to show. */
    public List<String> channelNames() {
        return delivery.channelNames();
    }

    public List<AlertRule> rules() {
        return rules;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static double value(AlertState state) {
        Double value = state.last().value();
        return value == null ? Double.NaN : value;
    }

    @Override
    public void close() {
        evaluator.shutdownNow();
        delivery.close();
    }
}
