package dev.p21bridge.bench;

import dev.p21bridge.kafka.EmbeddedKafkaBroker;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real embedded KRaft broker on a fresh temporary data directory, deleted again on {@link #close()}, so every
 * benchmark run starts from an empty broker and leaves nothing behind. Logs go to the machine's temp disk, as
 * they would for {@code ./bridge up}.
 */
final class ScratchBroker implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedKafkaBroker broker;

    private ScratchBroker(Path dataDir, EmbeddedKafkaBroker broker) {
        this.dataDir = dataDir;
        this.broker = broker;
    }

    static ScratchBroker start() {
        try {
            Path dir = Files.createTempDirectory("p21-bench-kafka-");
            return new ScratchBroker(dir, EmbeddedKafkaBroker.builder().dataDir(dir).build().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's temp dir", e);
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The settings every service reads from the environment, pointed at this broker (and {@code extra}). */
    Environment environment(Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(extra);
        variables.put(KafkaConfig.BOOTSTRAP.name(), bootstrapServers());
        return new Environment(variables);
    }

    KafkaConfig kafkaConfig() {
        return KafkaConfig.from(environment(Map.of()));
    }

    @Override
    public void close() {
        broker.close();
        deleteTree(dataDir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
