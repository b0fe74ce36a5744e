package dev.p21bridge.simulators.p21;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe holder of the simulated P21 database. A write runs alone and is all-or-nothing as long as the
 * function validates before it mutates (a thrown {@link P21Rejection} then changes nothing). With a data directory,
 * changes are saved by a background flush at most every {@value #FLUSH_MILLIS} ms (longer when saving is slow) and
 * once more on close, so a burst of orders costs one save, and a crash loses at most that window.
 *
 * <p>On disk the state is a snapshot ({@link P21StateFile}) plus a journal ({@link P21Journal}). A save appends one
 * journal line holding only the rows put since the previous save: under a steady order stream the state grows to tens
 * of thousands of orders, and writing all of them on every save cost more the longer the simulator ran, while a line
 * costs what changed. Loading reads the snapshot, then replays the journal. A data directory from before the journal,
 * with a snapshot only, loads as it always did.
 *
 * <p>Compaction: once the journal is at least as large as the snapshot and at least {@value #COMPACT_AT_BYTES} bytes
 * (8 MiB), a save writes a full snapshot and then empties the journal. Tied to the snapshot's size, compaction rewrites
 * at most about one byte per journal byte appended, and a load replays a journal no larger than the snapshot (or
 * 8 MiB); the floor keeps a small state from being rewritten every few seconds. A reset saves a full snapshot too, as does the first
 * save of a new data directory.
 *
 * <p>A crash after the snapshot but before the journal is emptied leaves lines the snapshot already holds. Puts are
 * idempotent, but a line holds its rows as they were when it was written, so replaying it over a newer snapshot could
 * move a row (or an order counter) back. Hence lines are numbered and the snapshot records the last number it holds
 * ({@link P21Snapshot#journalSeq()}); a load skips those lines, so the crash costs nothing.
 */
final class P21Store implements AutoCloseable {

    static final long FLUSH_MILLIS = 200;
    static final long COMPACT_AT_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(P21Store.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final P21StateFile file;
    private final P21Journal journal;
    private final long compactAtBytes;
    private final int ordersKept;
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** The next save must be a full snapshot: after a reset, or when a save failed half-way and lost its changes. */
    private final AtomicBoolean snapshotDue = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private P21State state;
    /** The number of the last journal line taken; guarded by the write lock. */
    private long journalSeq;
    /** Only the flush (synchronized) touches it after the constructor. */
    private long snapshotBytes;

    /** Loads the saved state from {@code dataDir}, or starts from the seed when there is none (or dataDir is null). */
    P21Store(Path dataDir) {
        this(dataDir, COMPACT_AT_BYTES);
    }

    /** As {@link #P21Store(Path)}, compacting once the journal reaches {@code compactAtBytes} and the snapshot's size. */
    P21Store(Path dataDir, long compactAtBytes) {
        this(dataDir, compactAtBytes, Integer.MAX_VALUE);
    }

    /** As {@link #P21Store(Path, long)}, keeping at most {@code ordersKept} orders ({@link P21State#keepAtMost}). */
    P21Store(Path dataDir, long compactAtBytes, int ordersKept) {
        this.compactAtBytes = compactAtBytes;
        this.ordersKept = ordersKept;
        if (dataDir == null) {
            this.file = null;
            this.journal = null;
            this.state = seed(Instant.EPOCH);
            this.flusher = null;
            return;
        }
        this.file = new P21StateFile(dataDir);
        this.journal = new P21Journal(dataDir);
        Optional<P21Snapshot> snapshot = file.load();
        this.state = snapshot.map(P21State::fromSnapshot).orElseGet(() -> P21Seed.create(Instant.EPOCH));
        state.keepAtMost(ordersKept);
        this.journalSeq = snapshot.map(P21Snapshot::journalSeq).orElse(0L);
        journal.replay(entry -> {
            if (entry.seq() > journalSeq) {
                if (snapshot.isEmpty()) {
                    throw new IllegalStateException(journal.path() + " holds changes but " + file.path()
                            + " is missing; start with a fresh data directory");
                }
                state.apply(entry);
                journalSeq = entry.seq();
            }
        });
        state.recordChanges();
        try {
            this.snapshotBytes = file.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read P21 simulator state " + file.path(), e);
        }
        if (snapshot.isEmpty() || compactionDue()) {
            snapshotDue.set(true);
            dirty.set(true);
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "p21-sim-flush");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.flusher = executor;
        flusher.execute(this::flushAndReschedule);
    }

    private P21State seed(Instant lastChange) {
        P21State seeded = P21Seed.create(lastChange);
        seeded.keepAtMost(ordersKept);
        return seeded;
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

    /**
     * Back to the seed. Change times keep increasing across a reset, so pollers see the reseeded rows as new. The next
     * save is a full snapshot, which empties the journal: its lines must never be replayed over the seed.
     */
    void reset() {
        lock.writeLock().lock();
        try {
            state = seed(state.nextChangeTime());
            if (file != null) {
                state.recordChanges();
            }
            snapshotDue.set(true);
            dirty.set(true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Saves now if anything changed since the last save: one journal line with the changed rows, or a full snapshot
     * when one is due. A failed save is retried as a full snapshot, since the rows it took are no longer marked.
     */
    synchronized void flush() throws IOException {
        if (file == null || !dirty.getAndSet(false)) {
            return;
        }
        try {
            P21JournalEntry changes = underWriteLock(() -> snapshotDue.get() ? null : state.takeChanges(++journalSeq));
            if (changes != null) {
                journal.append(changes);
            }
            if (changes == null || compactionDue()) {
                saveSnapshot();
            }
        } catch (IOException | RuntimeException e) {
            snapshotDue.set(true);
            dirty.set(true);
            throw e;
        }
    }

    /** Writes the whole state, then empties the journal; the class comment says why a crash in between is harmless. */
    private void saveSnapshot() throws IOException {
        P21Snapshot snapshot = underWriteLock(() -> {
            snapshotDue.set(false);
            state.forgetChanges();
            return state.snapshot(journalSeq);
        });
        file.save(snapshot);
        journal.clear();
        snapshotBytes = file.size();
    }

    private boolean compactionDue() {
        return journal.size() >= Math.max(compactAtBytes, snapshotBytes);
    }

    /** The write lock, not the read lock: taking the changes also forgets them. */
    private <T> T underWriteLock(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
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
     * Saves, then waits {@value #FLUSH_MILLIS} ms or four times as long as the save took, whichever is longer, so even
     * a save that compacts a large state costs at most a fifth of one core.
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
