package dev.p21bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: {@link java.net.http.HttpClient} (HTTP/1.1, async) in two modes.
 * <ul>
 *   <li>{@link #maxRate}: closed loop with a bounded number of requests in flight; measures how many webhooks per
 *       second an endpoint accepts (202) when it is never idle.</li>
 *   <li>{@link #fixedRate}: open loop on a fixed schedule; each latency is measured from the time the request was
 *       <em>scheduled</em>, not sent, so a stall of the endpoint (or of this generator) shows in the percentiles
 *       instead of silently lowering the rate (no coordinated omission).</li>
 * </ul>
 */
final class WebhookLoad {

    /** Accepted webhooks per second of one closed-loop phase. */
    record Throughput(String target, long accepted, long failed, double seconds, String firstFailure) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    /**
     * One open-loop phase: the latency of every request, and how well the schedule was kept. {@code sent} is less
     * than {@code scheduled} when the phase was abandoned because more than the backlog limit of requests were
     * unanswered: the endpoint could not sustain the rate, and waiting longer would only exhaust sockets.
     */
    record FixedRate(String target, int rate, long scheduled, long sent, long failed, Latencies.Summary latency,
                     double sendLagMaxMillis, String firstFailure, long startNanos, long periodNanos) {
        /** The {@link System#nanoTime()} at which request {@code index} (0-based) of the phase was due. */
        long scheduledNanos(long index) {
            return startNanos + index * periodNanos;
        }

        boolean abandoned() {
            return sent < scheduled;
        }
    }

    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

    private final int maxBacklog;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SignedWebhooks webhooks;

    /** @param maxBacklog unanswered requests at which an open-loop phase is abandoned as unsustainable */
    WebhookLoad(SignedWebhooks webhooks, int maxBacklog) {
        this.webhooks = webhooks;
        this.maxBacklog = maxBacklog;
    }

    Throughput maxRate(String target, URI endpoint, Duration duration, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            permits.acquire();
            http.sendAsync(webhooks.next(endpoint), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() == 202) {
                            accepted.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, error != null ? error.toString()
                                    : "HTTP " + response.statusCode());
                        }
                        permits.release();
                    });
        }
        if (!permits.tryAcquire(inFlight, DRAIN_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(target + ": requests still in flight after " + DRAIN_DEADLINE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(target, accepted.get(), failed.get(), seconds, firstFailure.get());
    }

    FixedRate fixedRate(String target, URI endpoint, int perSecond, Duration duration) throws InterruptedException {
        int count = (int) (perSecond * duration.toSeconds());
        long period = 1_000_000_000L / perSecond;
        Latencies latencies = new Latencies(count);
        AtomicLong outstanding = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long maxLag = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        int sent = 0;
        for (; sent < count && outstanding.get() < maxBacklog; sent++) {
            int i = sent;
            long scheduled = start + i * period;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, System.nanoTime() - scheduled);
            outstanding.incrementAndGet();
            http.sendAsync(webhooks.next(endpoint), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies.record(System.nanoTime() - scheduled);
                        if (error != null || response.statusCode() != 202) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, error != null ? error.toString()
                                    : "HTTP " + response.statusCode());
                        }
                        outstanding.decrementAndGet();
                    });
        }
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target + ": " + outstanding.get() + " requests unanswered after "
                        + DRAIN_DEADLINE);
            }
            Thread.sleep(5);
        }
        return new FixedRate(target, perSecond, count, sent, failed.get(), latencies.summary(), maxLag / 1e6,
                firstFailure.get(), start, period);
    }
}
