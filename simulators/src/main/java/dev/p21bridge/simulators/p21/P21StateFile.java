package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The simulator's snapshot on disk, {@code <dataDir>/p21-simulator.json}: the whole state, with the changes since in
 * the {@link P21Journal} beside it. A save writes a temporary file, forces it to disk and moves it over the old one
 * atomically, so a crash mid-write leaves the previous snapshot, never half a file. The force matters because the
 * journal is emptied right after a save: the snapshot must not be lost while the journal lines it replaces are.
 */
final class P21StateFile {

    static final String FILE_NAME = "p21-simulator.json";

    /** Leaves the stream open, so the file can be forced to disk before it is closed. */
    private static final ObjectWriter WRITER = P21Json.MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Path file;

    P21StateFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The snapshot's size in bytes, 0 when there is none. */
    long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
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
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                WRITER.writeValue(out, snapshot);
                out.getChannel().force(false);
            }
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
