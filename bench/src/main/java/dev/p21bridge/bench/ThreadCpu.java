package dev.p21bridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time this JVM spent over a window, in all and by group of Java threads. On a saturated machine the latency of
 * one run swings by several times from the next run of the same code, while the CPU spent per order does not, so
 * this is what tells two commits apart (docs/benchmarks.md, end to end). The total is the process's CPU time, so
 * garbage collection, the JIT compiler and RocksDB's native threads count in it; they are the part no Java thread
 * names. Thread names are grouped with digits and ids folded ({@code p21-sink-worker-3} and {@code -7} are one group).
 */
final class ThreadCpu {

    record Snapshot(long processNanos, Map<Long, String> names, Map<Long, Long> threadNanos) {
    }

    private ThreadCpu() {
    }

    static Snapshot take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                names.put(info.getThreadId(), info.getThreadName());
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return new Snapshot(processCpuNanos(), names, cpu);
    }

    /** "12.3 ms per order (61 CPU-s); Jetty 22 %, ..." for the groups above 3 % of the total. */
    static String describe(Snapshot before, Snapshot after, long orders) {
        long total = processNanos(before, after);
        Map<String, Long> groups = new HashMap<>();
        after.threadNanos().forEach((id, nanos) -> groups.merge(group(after.names().get(id)),
                nanos - before.threadNanos().getOrDefault(id, 0L), Long::sum));
        long named = groups.values().stream().mapToLong(Long::longValue).sum();
        groups.put("GC, JIT, native (RocksDB)", Math.max(0, total - named));
        String shares = groups.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= 3 * total)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
        return String.format("%.1f ms per order (%.0f CPU-s); %s", total / 1e6 / Math.max(orders, 1), total / 1e9,
                shares);
    }

    /** CPU time of the whole process between the two snapshots. */
    static long processNanos(Snapshot before, Snapshot after) {
        return after.processNanos() - before.processNanos();
    }

    /** CPU time between the two snapshots of the threads whose name contains {@code part}. */
    static long threadNanos(Snapshot before, Snapshot after, String part) {
        long sum = 0;
        for (var entry : after.threadNanos().entrySet()) {
            if (after.names().get(entry.getKey()).contains(part)) {
                sum += entry.getValue() - before.threadNanos().getOrDefault(entry.getKey(), 0L);
            }
        }
        return sum;
    }

    private static String group(String threadName) {
        return threadName.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "")
                .replaceAll("[0-9a-f]{7,}", "").replaceAll("\\d+", "N").replaceAll("-{2,}", "-");
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
