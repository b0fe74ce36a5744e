package dev.p21bridge.storefront;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a fixed number of threads with one rule: tasks of the same key run one after another, in the order
 * they were submitted, never at the same time; tasks of different keys run in parallel. Two shipments of one order
 * therefore reach the storefront in the order Kafka holds them, while different orders do not wait for each other.
 * (A copy of the p21-sink's class: services do not depend on each other; it belongs in platform.)
 * After one task a key's lane goes to the back of the pool's queue, so a busy key cannot starve the others.
 */
final class KeyedLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyedLanes.class);

    private final ExecutorService pool;
    private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();

    KeyedLanes(int threads, String threadName) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(String key, Runnable task) {
        synchronized (lanes) {
            ArrayDeque<Runnable> lane = lanes.get(key);
            if (lane != null) {
                lane.addLast(task);
                return;
            }
            lane = new ArrayDeque<>();
            lane.addLast(task);
            lanes.put(key, lane);
        }
        schedule(key);
    }

    /** Keys with queued or running tasks. */
    int activeKeys() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    private void schedule(String key) {
        try {
            pool.execute(() -> runNext(key));
        } catch (RejectedExecutionException closed) {
            synchronized (lanes) {
                lanes.remove(key);
            }
        }
    }

    private void runNext(String key) {
        Runnable task;
        synchronized (lanes) {
            task = lanes.get(key).peekFirst();
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("task of key {} failed", key, e);
        } finally {
            boolean more;
            synchronized (lanes) {
                ArrayDeque<Runnable> lane = lanes.get(key);
                lane.pollFirst();
                more = !lane.isEmpty();
                if (!more) {
                    lanes.remove(key);
                }
            }
            if (more) {
                schedule(key);
            }
        }
    }

    /** Stops taking tasks, interrupts running ones and waits for them up to {@code seconds}. */
    void shutdown(long seconds) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(seconds, TimeUnit.SECONDS)) {
                log.warn("worker threads still busy after {}s", seconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(10);
    }
}
