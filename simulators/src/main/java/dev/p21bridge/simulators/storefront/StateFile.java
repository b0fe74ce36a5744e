package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a simulator's state in one JSON file. Writes go to a temp file that is then moved over the old one
 * atomically, so a crash leaves the previous or the new state, never half of one. Changes are coalesced: many
 * changes within {@link #DELAY_MS} (or four times the last write's duration, when the state has grown large) cost
 * one write, so a 100,000-order checkout does not spend its time rewriting the file; {@link #close()} writes what
 * is pending.
 */
final class StateFile implements AutoCloseable {

    static final long DELAY_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    private final Path file;
    private final ObjectMapper mapper;
    private final Supplier<Object> snapshot;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastWriteMillis;
    private final ScheduledExecutorService writer;

    StateFile(Path file, ObjectMapper mapper, Supplier<Object> snapshot) {
        this.file = file;
        this.mapper = mapper;
        this.snapshot = snapshot;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "state-writer-" + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> Optional<T> load(Class<T> type) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read simulator state " + file + "; delete it to start fresh", e);
        }
    }

    /** Asks for a write within {@link #DELAY_MS}; cheap to call on every change. */
    void changed() {
        if (scheduled.compareAndSet(false, true)) {
            writer.schedule(this::writeQuietly, Math.max(DELAY_MS, 4 * lastWriteMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the current state now, on the caller's thread. */
    synchronized void write() throws IOException {
        long started = System.nanoTime();
        scheduled.set(false);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        mapper.writeValue(temp.toFile(), snapshot.get());
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        lastWriteMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private void writeQuietly() {
        try {
            write();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save simulator state to {}", file, e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQuietly();
    }
}
