package dev.p21bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: threads on keep-alive {@link RawHttpConnection}s, one connection per thread, in two modes.
 * <ul>
 *   <li>{@link #maxRate}: closed loop, {@code inFlight} threads sending back to back; measures how many webhooks per
 *       second an endpoint accepts (202) when it is never idle.</li>
 *   <li>{@link #fixedRate}: open loop on a fixed schedule. Request {@code i} is due at {@code start + i * period};
 *       the next free thread takes the next due request, waits for its time and sends it. Each latency is measured
 *       from the time the request was <em>scheduled</em>, not sent, so a stall of the endpoint (or of this
 *       generator, when all its connections are busy) shows in the percentiles instead of silently lowering the
 *       rate (no coordinated omission).</li>
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
    record FixedRate(String target, int rate, long scheduled, long sent, long failed, Latencies latencies,
                     double sendLagMaxMillis, String firstFailure, long startNanos, long periodNanos) {
        Latencies.Summary latency() {
            return latencies.summary();
        }

        /** The {@link System#nanoTime()} at which request {@code index} (0-based) of the phase was due. */
        long scheduledNanos(long index) {
            return startNanos + index * periodNanos;
        }

        boolean abandoned() {
            return sent < scheduled;
        }
    }

    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);
    /**
     * Connections (and threads) of an open-loop phase: enough for 5,000/s with answers of 12.8 ms on average before a
     * due request waits for a free one, and that wait counts as latency. It was 256 until 23 Nov: after any short
     * stall, every thread whose request had come due became runnable at once, signing and writing on the same two
     * cores as the server, and the generator stretched the stall it was measuring. Same machine, same hour, ingress
     * p99 at 5,000/s: 63.9-197.7 ms with 256 (the bare endpoint 47.5-122 ms), 71.0 ms with 128, 17.9-20.0 ms with
     * 64 (docs/benchmarks.md, ingress).
     */
    private static final int OPEN_LOOP_CONNECTIONS = Integer.getInteger("bench.connections", 64);

    private final int maxBacklog;
    private final SignedWebhooks webhooks;

    /** @param maxBacklog unanswered requests at which an open-loop phase is abandoned as unsustainable */
    WebhookLoad(SignedWebhooks webhooks, int maxBacklog) {
        this.webhooks = webhooks;
        this.maxBacklog = maxBacklog;
    }

    Throughput maxRate(String target, URI endpoint, Duration duration, int inFlight) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = startThreads(target, inFlight, () -> {
            try (RawHttpConnection connection = new RawHttpConnection(endpoint.getHost(), endpoint.getPort())) {
                while (System.nanoTime() < end) {
                    String failure = send(connection, webhooks.next(endpoint));
                    if (failure == null) {
                        accepted.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }
        });
        join(target, threads, end);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(target, accepted.get(), failed.get(), seconds, firstFailure.get());
    }

    FixedRate fixedRate(String target, URI endpoint, int perSecond, Duration duration) throws InterruptedException {
        int count = (int) (perSecond * duration.toSeconds());
        long period = 1_000_000_000L / perSecond;
        long firstOrderId = webhooks.reserve(count);
        Latencies latencies = new Latencies(count);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong maxLag = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        Schedule schedule = new Schedule(count, completed);
        List<Thread> threads = startThreads(target, Math.min(OPEN_LOOP_CONNECTIONS, count), () -> {
            try (RawHttpConnection connection = new RawHttpConnection(endpoint.getHost(), endpoint.getPort())) {
                int i;
                while ((i = schedule.take()) >= 0) {
                    long scheduled = start + i * period;
                    long wait;
                    while ((wait = scheduled - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long lag = System.nanoTime() - scheduled;
                    maxLag.accumulateAndGet(lag, Math::max);
                    String failure = send(connection, webhooks.request(endpoint, firstOrderId + i));
                    latencies.record(System.nanoTime() - scheduled);
                    completed.incrementAndGet();
                    if (failure != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }
        });
        join(target, threads, start + count * period);
        return new FixedRate(target, perSecond, count, schedule.sent(), failed.get(), latencies,
                maxLag.get() / 1e6, firstFailure.get(), start, period);
    }

    /**
     * Hands out the requests of an open-loop phase in order. A request is not handed out once more than the backlog
     * limit of earlier ones are unanswered, and then no later one either, so the requests sent are always the first
     * {@link #sent()} of the phase.
     */
    private final class Schedule {

        private final int count;
        private final AtomicLong completed;
        private int next;
        private int limit;

        Schedule(int count, AtomicLong completed) {
            this.count = count;
            this.completed = completed;
            this.limit = count;
        }

        /** The index of the next request to send, or -1 when the phase is over or abandoned. */
        synchronized int take() {
            if (next >= limit) {
                return -1;
            }
            if (next - completed.get() > maxBacklog) {
                limit = next;
                return -1;
            }
            return next++;
        }

        synchronized int sent() {
            return Math.min(next, limit);
        }
    }

    /** Sends one request; answers null for a 202, else what went wrong. */
    private static String send(RawHttpConnection connection, byte[] request) {
        try {
            int status = connection.exchange(request);
            return status == 202 ? null : "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static List<Thread> startThreads(String target, int count, Work work) {
        List<Thread> threads = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Thread thread = new Thread(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-load-" + n);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** Waits for the threads of a phase ending at {@code phaseEndNanos}, at most {@link #DRAIN_DEADLINE} beyond it. */
    private static void join(String target, List<Thread> threads, long phaseEndNanos) throws InterruptedException {
        long deadline = phaseEndNanos + DRAIN_DEADLINE.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException(target + ": requests still unanswered " + DRAIN_DEADLINE
                        + " after the phase");
            }
        }
    }
}
