package dev.p21bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's resident set size ({@code VmRSS} of {@code /proc/self/status}: heap, metaspace, thread stacks,
 * direct buffers, RocksDB's native memory, everything the OS counts) on a daemon thread, and keeps the highest.
 */
final class ResidentMemory implements AutoCloseable {

    private final AtomicLong maxKib = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private ResidentMemory(long intervalMillis) {
        this.sampler = new Thread(() -> {
            while (running) {
                long now = currentKib();
                maxKib.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss-sampler");
        sampler.setDaemon(true);
    }

    static ResidentMemory sampleEvery(long intervalMillis) {
        ResidentMemory memory = new ResidentMemory(intervalMillis);
        memory.sampler.start();
        return memory;
    }

    /** The current VmRSS of this JVM in KiB, or -1 off Linux. */
    static long currentKib() {
        return currentKib("self");
    }

    /** The current VmRSS of process {@code pid} in KiB, or -1 when it has ended or off Linux. */
    static long currentKib(long pid) {
        return currentKib(Long.toString(pid));
    }

    private static long currentKib(String process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", process, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    double maxMib() {
        return maxKib.get() / 1024.0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
