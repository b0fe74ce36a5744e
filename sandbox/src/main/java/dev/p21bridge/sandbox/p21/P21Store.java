package dev.p21bridge.sandbox.p21;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe holder of the simulated P21 database. A write runs alone and is all-or-nothing as long as the
 * function validates before it mutates (a thrown {@link P21Rejection} then changes nothing). With a data directory,
 * changes are saved by a background flush at most every {@value #FLUSH_MILLIS} ms (longer when saving is slow) and
 * once more on close, so a burst of orders costs one file write, and a crash loses at most that window.
 */
final class P21Store implements AutoCloseable {

    static final long FLUSH_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(P21Store.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final P21StateFile file;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private P21State state;

    /** Loads the saved state from {@code dataDir}, or starts from the seed when there is none (or dataDir is null). */
    P21Store(Path dataDir) {
        this.file = dataDir == null ? null : new P21StateFile(dataDir);
        this.state = (file == null ? Optional.<P21Snapshot>empty() : file.load())
                .map(P21State::fromSnapshot)
                .orElseGet(() -> P21Seed.create(Instant.EPOCH));
        if (file == null) {
            this.flusher = null;
        } else {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "p21-sim-flush");
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.flusher = executor;
            dirty.set(true);
            flusher.execute(this::flushAndReschedule);
        }
    }

    <T> T read(Function<P21State, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs one change; the function gets the change's time, which is later than every change before it. */
    <T> T write(BiFunction<P21State, Instant, T> change) {
        lock.writeLock().lock();
        try {
            T result = change.apply(state, state.nextChangeTime());
            dirty.set(true);
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Back to the seed. Change times keep increasing across a reset, so pollers see the reseeded rows as new. */
    void reset() {
        lock.writeLock().lock();
        try {
            state = P21Seed.create(state.nextChangeTime());
            dirty.set(true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Saves now if anything changed since the last save. */
    synchronized void flush() throws IOException {
        if (file == null || !dirty.getAndSet(false)) {
            return;
        }
        P21Snapshot snapshot = read(P21State::snapshot);
        try {
            file.save(snapshot);
        } catch (IOException | RuntimeException e) {
            dirty.set(true);
            throw e;
        }
    }

    @Override
    public void close() {
        if (flusher == null) {
            return;
        }
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (IOException e) {
            LOG.error("P21 simulator could not save its state to {} on close", file.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Saves, then waits {@value #FLUSH_MILLIS} ms or four times as long as the save took, whichever is longer, so a
     * large state under a steady stream of orders costs at most a fifth of one core.
     */
    private void flushAndReschedule() {
        long started = System.nanoTime();
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("P21 simulator could not save its state to {}; will retry", file.path(), e);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (!flusher.isShutdown()) {
            try {
                flusher.schedule(this::flushAndReschedule, Math.max(FLUSH_MILLIS, 4 * tookMillis), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: close() saves one last time
            }
        }
    }
}
