package dev.p21bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link in README.md and docs/*.md leads to a file that exists, and an anchor to a heading in it. */
class DocumentationLinksTest {

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = RepositoryRoot.find();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        assertFalse(files.size() < 2, "README.md and docs/*.md expected under " + root);
        List<String> broken = new DocumentationLinks().brokenLinks(root, files);
        assertEquals(List.of(), broken, "broken links in the documentation");
    }

    @Test
    void aBrokenLinkOrAnchorIsFound(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), "# A\n\n## Two words\n\n```\n[not a link](missing.md)\n```\n");
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "# Read me",
                "[fine](docs/a.md) [fine anchor](docs/a.md#two-words) [web](https://example.com/x.md)",
                "[gone](docs/gone.md) and `[code](nowhere.md)`",
                "[bad anchor](docs/a.md#three-words) [own](#read-me) [own bad](#nothing)",
                "[ref]: docs/also-gone.md",
                ""));
        List<String> broken = new DocumentationLinks().brokenLinks(root,
                List.of(root.resolve("README.md"), root.resolve("docs/a.md")));
        assertEquals(List.of(
                "README.md:3: docs/gone.md (no such file)",
                "README.md:4: docs/a.md#three-words (no heading for #three-words in a.md)",
                "README.md:4: #nothing (no heading for #nothing in README.md)",
                "README.md:5: docs/also-gone.md (no such file)"), broken);
    }

    @Test
    void anchorsFollowGitHub() {
        assertEquals("bridge-up", DocumentationLinks.slug("`./bridge up`"));
        assertEquals("why-a-level-never-goes-backwards-and-a-shipment-is-never-sent-twice",
                DocumentationLinks.slug("Why a level never goes backwards and a shipment is never sent twice"));
        assertEquals("p21-sink-canonical-orders-become-prophet-21-sales-orders-exactly-once",
                DocumentationLinks.slug("p21-sink: canonical orders become Prophet 21 sales orders, exactly once"));
        assertEquals("dead-letters-of-the-p21-sink-dlqp21-sink",
                DocumentationLinks.slug("Dead letters of the p21-sink (`dlq.p21-sink`)"));
    }
}
