package dev.p21bridge.sandbox.p21;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The simulator's state on disk, {@code <dataDir>/p21-simulator.json}. A save writes a temporary file and moves it
 * over the old one atomically, so a crash mid-write leaves the previous state, never half a file.
 */
final class P21StateFile {

    static final String FILE_NAME = "p21-simulator.json";

    private final Path file;

    P21StateFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The saved state, or empty when nothing was saved yet. Fails loudly on a corrupt or unknown-format file. */
    Optional<P21Snapshot> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            P21Snapshot snapshot = P21Json.MAPPER.readValue(file.toFile(), P21Snapshot.class);
            if (snapshot.format() != P21Snapshot.FORMAT) {
                throw new IllegalStateException(file + " has format " + snapshot.format() + ", this simulator reads "
                        + P21Snapshot.FORMAT + "; start with a fresh data directory");
            }
            return Optional.of(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read P21 simulator state " + file, e);
        }
    }

    void save(P21Snapshot snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            P21Json.MAPPER.writeValue(temp.toFile(), snapshot);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
