package dev.p21bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * What a benchmark ran on, printed at the top of every run so a number is never read without its machine: the
 * cores this JVM may use, the JVM, the heap flags it was started with, and the load average of the host (other
 * builds on a shared machine move the numbers, sometimes by a factor).
 */
final class MachineReport {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private MachineReport() {
    }

    /**
     * On a 2-core machine the common pool has parallelism 1, and then {@link java.util.concurrent.CompletableFuture}'s
     * default async executor starts a new thread per task. {@link java.net.http.HttpClient} completes every
     * {@code sendAsync} through that executor, so the load generator alone would start thousands of threads a second
     * and steal the CPU it is meant to measure. Call first thing in {@code main}, before anything uses the pool.
     */
    static void giveTheCommonPoolTwoThreads() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-X") || flag.startsWith("-XX"))
                .toList();
        return "cpus=" + runtime.availableProcessors()
                + " jvm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " maxHeap=" + runtime.maxMemory() / (1024 * 1024) + "MiB"
                + " flags=" + (flags.isEmpty() ? "(none)" : String.join(" ", flags))
                + " commonPool=" + ForkJoinPool.getCommonPoolParallelism()
                + " loadavg=" + loadAverage();
    }

    /** The 1, 5 and 15 minute load averages, or {@code n/a} off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
