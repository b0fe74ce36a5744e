package dev.p21bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the ingress benchmark's load generator in a JVM of its own and waits for it. A storefront's requests come
 * from another machine; in the server's JVM the generator's garbage and safepoints are part of every latency
 * measured, for the ingress and the bare endpoint alike. In a separate JVM the two still share the two cores, but
 * not a heap or a safepoint. Tried on 23 Nov against the stalls then behind the ingress's p99, it changed nothing
 * (docs/benchmarks.md, ingress: the stalls came from the generator's thread count), so it is an option, not the
 * default.
 */
final class GeneratorProcess {

    /** Heap of the generator's JVM: its latency arrays and request buffers need far less. */
    private static final String HEAP = System.getProperty("bench.generatorHeap", "512m");

    private GeneratorProcess() {
    }

    /** Runs the generator against the two endpoints with this JVM's {@code bench.*} properties; its exit code. */
    static int run(URI bare, URI ingress) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP);
        command.add("-XX:+UseG1GC");
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench."))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngressBenchmark.Generator.class.getName());
        command.add(bare.toString());
        command.add(ingress.toString());
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } finally {
            process.destroyForcibly();
        }
    }
}
