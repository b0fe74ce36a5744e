package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes since the last snapshot, {@code <dataDir>/p21-simulator.journal}: one {@link P21JournalEntry} a line,
 * JSON in UTF-8, appended and forced to disk by every save. Rewriting the whole state on every save costs more the
 * longer the simulator runs; appending costs what changed.
 *
 * <p>A crash can cut the last append short. So a torn last line (no newline at its end, or not a journal entry) is
 * taken for a save that never finished: it is ignored with a warning and cut off, so the next append starts a line of
 * its own. A line that is not a journal entry anywhere else means the file was damaged some other way, and reading
 * fails as a corrupt snapshot does.
 */
final class P21Journal {

    static final String FILE_NAME = "p21-simulator.journal";

    private static final Logger LOG = LoggerFactory.getLogger(P21Journal.class);
    /** Strict about trailing text, so two lines run together by a damaged file do not pass as one. */
    private static final ObjectReader READER = P21Json.MAPPER.readerFor(P21JournalEntry.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] NEWLINE = {'\n'};

    private final Path file;
    /** Bytes of whole lines; what the file holds beyond this is a failed append, cut off by the next one. */
    private long size;

    P21Journal(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** Bytes of the journal's whole lines. */
    long size() {
        return size;
    }

    /**
     * Hands every line to {@code replay}, first to last, then cuts off a torn last line. Throws
     * {@link UncheckedIOException} when the file cannot be read or a line other than the last is damaged.
     */
    void replay(Consumer<P21JournalEntry> replay) {
        size = 0;
        if (!Files.exists(file)) {
            return;
        }
        long length = 0;
        long lineStart = 0;
        int lineNo = 0;
        Unreadable unreadable = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    line.write(buffer, from, i - from);
                    from = i + 1;
                    lineNo++;
                    if (unreadable != null) {
                        throw unreadable.corrupt(file);
                    }
                    try {
                        P21JournalEntry entry = READER.readValue(line.toByteArray());
                        if (entry == null) {
                            throw new IOException("the line is null, not a journal entry");
                        }
                        replay.accept(entry);
                    } catch (IOException e) {
                        unreadable = new Unreadable(lineNo, lineStart, e);
                    }
                    lineStart = length + i + 1;
                    line.reset();
                }
                line.write(buffer, from, read - from);
                length += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read P21 simulator journal " + file, e);
        }
        if (unreadable != null && line.size() > 0) {
            throw unreadable.corrupt(file);
        }
        long whole = unreadable != null ? unreadable.offset() : lineStart;
        if (whole < length) {
            LOG.warn("P21 simulator journal {} ends in a torn line at byte offset {} ({} bytes, a save cut short);"
                    + " ignoring it and cutting it off", file, whole, length - whole);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(whole);
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot cut the torn last line off P21 simulator journal " + file, e);
            }
        }
        size = whole;
    }

    /** Appends one line and forces it to disk, so a save the simulator reports done survives a crash. */
    void append(P21JournalEntry entry) throws IOException {
        byte[] json = P21Json.MAPPER.writeValueAsBytes(entry);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
            channel.position(size);
            ByteBuffer[] line = {ByteBuffer.wrap(json), ByteBuffer.wrap(NEWLINE)};
            while (line[1].hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        }
        size += json.length + NEWLINE.length;
    }

    /** Empties the journal, once a snapshot holds everything in it. */
    void clear() throws IOException {
        if (Files.exists(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.force(false);
            }
        }
        size = 0;
    }

    /** A whole line that could not be read: harmless if it turns out to be the last one, fatal otherwise. */
    private record Unreadable(int lineNo, long offset, IOException cause) {

        UncheckedIOException corrupt(Path file) {
            return new UncheckedIOException("P21 simulator journal " + file + " is damaged at line " + lineNo
                    + " (byte offset " + offset + "), which is not the last line, so it is no torn save; start with"
                    + " a fresh data directory", cause);
        }
    }
}
