package dev.p21bridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the module directory the tests run in, so docs can be read and checked. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest directory upwards holding {@code .git} (a directory, or a file in a worktree) or the root pom. */
    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git")) || isRootPom(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root (.git or the root pom.xml) above " + dir);
    }

    private static boolean isRootPom(Path pom) {
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")
                    && Files.isDirectory(pom.resolveSibling("docs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
