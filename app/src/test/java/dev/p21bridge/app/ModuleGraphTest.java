package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Arrows point inward: a service depends on platform, schemas and the P21 client only, never on another service or
 * on a simulator; only the sandbox and the benchmarks assemble everything. Read from the modules' pom files, so a
 * dependency added in the wrong direction fails the build that adds it.
 */
class ModuleGraphTest {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> SERVICES = Set.of("ingress", "transformer", "p21-sink", "storefront-sink",
            "reconciliation");
    /** What each module may use at run time (compile scope); a module not named here may not exist. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("schemas", Set.of()),
            Map.entry("platform", Set.of("schemas")),
            Map.entry("p21-client", Set.of("platform", "schemas")),
            Map.entry("embedded-kafka", Set.of()),
            Map.entry("embedded-registry", Set.of()),
            Map.entry("test-support", Set.of("embedded-kafka")),
            Map.entry("ingress", Set.of("platform", "schemas", "p21-client")),
            Map.entry("transformer", Set.of("platform", "schemas", "p21-client")),
            Map.entry("p21-sink", Set.of("platform", "schemas", "p21-client")),
            Map.entry("storefront-sink", Set.of("platform", "schemas", "p21-client")),
            Map.entry("reconciliation", Set.of("platform", "schemas")),
            Map.entry("simulators", Set.of("platform", "schemas")),
            Map.entry("app", Set.of("platform", "schemas", "p21-client", "ingress", "transformer", "p21-sink",
                    "storefront-sink", "reconciliation")));
    /** What tests may use besides the module's own run-time dependencies: the shared test tools, never a service. */
    private static final Set<String> TEST_TOOLS = Set.of("test-support", "embedded-kafka", "embedded-registry",
            "schemas", "platform", "p21-client");
    private static final Set<String> ASSEMBLIES = Set.of("sandbox", "bench");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.p21bridge</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    @Test
    void shouldLetEveryModuleDependOnlyOnWhatLiesFurtherIn() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : modules()) {
            if (ASSEMBLIES.contains(module)) {
                continue;
            }
            assertThat(ALLOWED).as("module %s has no place in the graph: add it to ALLOWED", module).containsKey(module);
            Matcher dependency = DEPENDENCY.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
            while (dependency.find()) {
                String target = dependency.group(1);
                boolean test = dependency.group(2).contains("<scope>test</scope>");
                boolean allowed = ALLOWED.get(module).contains(target)
                        || test && (TEST_TOOLS.contains(target) || target.equals(module));
                if (!allowed) {
                    wrong.add(module + " -> " + target + (test ? " (test)" : ""));
                }
            }
        }
        assertThat(wrong).as("dependencies pointing outward").isEmpty();
    }

    @Test
    void shouldKeepTheSimulatorsOutOfEveryServiceAndTheApp() throws IOException {
        for (String module : modules()) {
            if (SERVICES.contains(module) || module.equals("app")) {
                assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
                        .as("%s/pom.xml", module).doesNotContain("<artifactId>simulators</artifactId>",
                                "<artifactId>sandbox</artifactId>");
            }
        }
    }

    /** The modules the root pom lists. */
    private static Set<String> modules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        Set<String> modules = new TreeSet<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).as("the root pom's modules").contains("app", "platform", "sandbox");
        return modules;
    }
}
