package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conventions the build relies on, checked over every module's tests: a test on a real broker is named
 * {@code *IntegrationTest} (failsafe runs it after the jars are built) and tagged {@code integration} (surefire's
 * excluded group, so it never runs with the unit tests whatever its name), and one clock class serves every test.
 */
class TestConventionsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void shouldTagEveryIntegrationTest() throws IOException {
        List<Path> untagged = testSources()
                .filter(path -> path.getFileName().toString().endsWith("IntegrationTest.java"))
                .filter(path -> !read(path).contains("@Tag(\"integration\")"))
                .toList();

        assertThat(untagged).as("integration tests without @Tag(\"integration\")").isEmpty();
    }

    @Test
    void shouldLeaveMovingTimeByHandToTestSupportsManualClock() throws IOException {
        List<Path> ownClocks = testSources()
                .filter(path -> read(path).matches("(?s).*class \\w+ extends (java\\.time\\.)?Clock\\b.*"))
                .toList();

        assertThat(ownClocks).as("test clocks besides test-support's ManualClock").isEmpty();
    }

    private static Stream<Path> testSources() throws IOException {
        return Files.walk(ROOT, 12)
                .filter(path -> path.toString().contains("/src/test/java/") && path.toString().endsWith(".java"))
                .filter(path -> !path.toString().contains("/target/"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
