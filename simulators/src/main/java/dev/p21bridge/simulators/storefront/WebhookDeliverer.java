package dev.p21bridge.simulators.storefront;

import dev.p21bridge.platform.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs signed webhooks the way a well-behaved storefront does (docs/contract.md, section 'Webhooks', reference section
 * 4): signed at send time, so a retry or redelivery carries a fresh timestamp; retried on connection errors, 5xx, 408
 * and 429 with exponential backoff and jitter, or after {@code Retry-After} when the receiver names it; any other 4xx
 * is logged and given up. At most {@code parallelism} requests are in flight; an event waiting for its next attempt
 * holds no slot, so one slow receiver does not stall the rest.
 */
public final class WebhookDeliverer implements AutoCloseable {

    /** How stubborn delivery is; {@code maxAttempts} counts the first try. */
    public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    /** How many deliveries got a 2xx, and how many were given up. */
    public record Report(int delivered, int failed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

    private final URI url;
    private final String secret;
    private final String userAgent;
    private final RetryPolicy policy;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final Set<CompletableFuture<Boolean>> pending = ConcurrentHashMap.newKeySet();
    /** Off, the store sends nothing, as stock X-Cart 5.5 does: its orders are found only through its API. */
    private volatile boolean enabled = true;

    public WebhookDeliverer(URI url, String secret, String userAgent, int parallelism, RetryPolicy policy, Clock clock) {
        this.url = url;
        this.secret = secret;
        this.userAgent = userAgent;
        this.policy = policy;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.senders = Executors.newFixedThreadPool(parallelism, daemon("webhook-sender"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("webhook-retry"));
    }

    /** Switches webhooks on or off; off, {@link #deliver} drops every event at once and reports none. */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Delivers every event (and redelivers those marked), returning when each got a 2xx or was given up. With
     * webhooks off nothing is sent: {@code Report(0, 0)}.
     */
    public Report deliver(List<WebhookEvent> events) {
        if (!enabled) {
            return new Report(0, 0);
        }
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>(events.size());
        for (WebhookEvent event : events) {
            all.add(send(event).thenCompose(ok -> {
                count(ok, delivered, failed);
                return ok && event.redeliver() ? send(event).thenAccept(again -> count(again, delivered, failed))
                        : CompletableFuture.completedFuture(null);
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Report(delivered.get(), failed.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
        // a checkout still waiting is told its remaining events were given up rather than left hanging
        pending.forEach(done -> done.complete(false));
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Boolean> send(WebhookEvent event) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        pending.add(done);
        done.whenComplete((ok, e) -> pending.remove(done));
        attempt(event, 1, done);
        return done;
    }

    private void attempt(WebhookEvent event, int attempt, CompletableFuture<Boolean> done) {
        try {
            senders.execute(() -> {
                Duration retryIn = post(event, attempt);
                if (retryIn == null) {
                    done.complete(true);
                } else if (retryIn.isNegative() || attempt >= policy.maxAttempts()) {
                    done.complete(false);
                } else {
                    retryLater(event, attempt + 1, done, retryIn);
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(false); // closing: what is still pending is given up
        }
    }

    private void retryLater(WebhookEvent event, int attempt, CompletableFuture<Boolean> done, Duration delay) {
        try {
            timer.schedule(() -> attempt(event, attempt, done), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.complete(false);
        }
    }

    /** Null when accepted, a negative duration when not worth retrying, else how long to wait before the next try. */
    private Duration post(WebhookEvent event, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("X-Webhook-Id", event.id())
                .header("X-Webhook-Event", event.type())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(event.body(), clock.instant(), secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return null;
            }
            if (status >= 500 || status == 408 || status == 429) {
                LOG.info("webhook {} {} answered {} on attempt {}", event.type(), event.id(), status, attempt);
                return response.headers().firstValue("Retry-After").map(this::retryAfter)
                        .orElseGet(() -> backoff(attempt));
            }
            LOG.warn("webhook {} {} refused with {}; not retried", event.type(), event.id(), status);
            return Duration.ofMillis(-1);
        } catch (IOException e) {
            LOG.info("webhook {} {} failed on attempt {}: {}", event.type(), event.id(), attempt, e.toString());
            return backoff(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Duration.ofMillis(-1);
        }
    }

    private Duration backoff(int attempt) {
        long ceiling = Math.min(policy.maxDelay().toMillis(), policy.firstDelay().toMillis() << Math.min(attempt - 1, 20));
        // equal jitter: at least half the step, so retries spread out but still back off
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is rare from receivers); capped at the policy's maximum. */
    private Duration retryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return Duration.ofSeconds(Math.max(0, seconds)).compareTo(policy.maxDelay()) > 0 ? policy.maxDelay()
                    : Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException e) {
            return backoff(1);
        }
    }

    private static void count(boolean ok, AtomicInteger delivered, AtomicInteger failed) {
        (ok ? delivered : failed).incrementAndGet();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
