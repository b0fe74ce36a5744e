package dev.p21bridge.transformer;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A reader of canonical topics that is not Java: {@code src/test/node/read-canonical.js}, kafkajs 2.2.4 and
 * {@code @kafkajs/confluent-schema-registry} without any codec plugin, installed with {@code npm ci} from the lockfile
 * into {@code target/node-reader} (again only when the lockfile changed). Finds {@code node} and {@code npm} on the
 * {@code PATH}; without them, or when {@code npm ci} cannot get the packages, the test fails naming what is missing,
 * unless {@code BRIDGE_SKIP_NODE_TESTS=true} (environment or system property) skips it.
 */
final class NodeCanonicalReader {

    static final String SKIP_SETTING = "BRIDGE_SKIP_NODE_TESTS";
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path INSTALL = Path.of("target", "node-reader");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "read-canonical.js");
    private static final Duration NPM_TIMEOUT = Duration.ofSeconds(120);

    private final Path node;

    private NodeCanonicalReader(Path node) {
        this.node = node;
    }

    /** Skips the calling test if asked to; fails it if node, npm or the packages are missing. */
    static NodeCanonicalReader install() throws IOException, InterruptedException {
        String skip = Optional.ofNullable(System.getProperty(SKIP_SETTING)).orElse(System.getenv(SKIP_SETTING));
        Assumptions.assumeFalse("true".equalsIgnoreCase(skip), SKIP_SETTING + "=true: the Node reader test is skipped");
        Path node = onPath("node");
        Path npm = onPath("npm");
        Files.createDirectories(INSTALL);
        boolean lockfileChanged = !sameContent(SOURCE.resolve("package-lock.json"), INSTALL.resolve("package-lock.json"));
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockfileChanged || !Files.isDirectory(INSTALL.resolve("node_modules/kafkajs"))) {
            Result npmCi = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts",
                    "--loglevel=error"), NPM_TIMEOUT);
            if (npmCi.exitCode != 0) {
                Files.deleteIfExists(INSTALL.resolve("package-lock.json"));
                fail("npm ci in " + INSTALL.toAbsolutePath() + " could not install kafkajs 2.2.4 and"
                        + " @kafkajs/confluent-schema-registry (it needs the npm registry or a warm npm cache; "
                        + SKIP_SETTING + "=true skips this test): exit " + npmCi.exitCode + "\n" + npmCi.errors);
            }
        }
        return new NodeCanonicalReader(node);
    }

    /**
     * Reads {@code topic} from the beginning until every key of {@code keys} was read; answers the decoded records,
     * {@code [{partition, offset, key, value}]}, Avro bytes (decimals) as hex strings.
     */
    JsonNode read(String bootstrapServers, String registryUrl, String topic, Duration timeout, List<String> keys)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), "read-canonical.js", bootstrapServers,
                registryUrl, topic, Long.toString(timeout.toMillis())));
        command.addAll(keys);
        Result result = run(command, timeout.plusSeconds(10));
        if (result.exitCode != 0) {
            fail("the Node reader (kafkajs, no codec plugin) could not read " + keys + " from " + topic + ": exit "
                    + result.exitCode + "\n" + result.errors + "\nread: " + result.output);
        }
        return new ObjectMapper().readTree(result.output).path("records");
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(INSTALL.toAbsolutePath(), "stderr", ".txt");
        Path output = Files.createTempFile(INSTALL.toAbsolutePath(), "stdout", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(INSTALL.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(output), "timed out after " + timeout + ": " + command + "\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output), Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
            Files.deleteIfExists(output);
        }
    }

    private static Path onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail(program + " is not on the PATH (" + path + "): the canonical topics are read by a"
                        + " Node client in this test; install Node.js 18+ and npm (.ci/run installs the Debian packages"
                        + " nodejs and npm), or set " + SKIP_SETTING + "=true to skip it"));
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.mismatch(a, b) == -1;
    }
}
