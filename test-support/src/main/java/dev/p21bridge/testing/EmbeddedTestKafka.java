package dev.p21bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.p21bridge.kafka.EmbeddedKafkaBroker;

/** An {@link EmbeddedKafkaBroker} on a fresh temporary directory, which is deleted when the broker is closed. */
final class EmbeddedTestKafka implements TestKafka, AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final Path dataDir;

    private EmbeddedTestKafka(EmbeddedKafkaBroker broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    static EmbeddedTestKafka start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the embedded Kafka broker", e);
        }
        try {
            return new EmbeddedTestKafka(EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start(), dataDir);
        } catch (RuntimeException e) {
            delete(dataDir);
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
        delete(dataDir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "embedded Kafka broker at " + bootstrapServers();
    }
}
