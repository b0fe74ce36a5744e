package dev.p21bridge.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of {@link KafkaClusterNode} processes on this machine, each a child JVM on the caller's class path
 * with its own data dir, for tests that stop, kill and restart brokers. Every node is a combined broker and
 * controller; with three, topics have three replicas and {@code min.insync.replicas=2} (as docker-compose.yml runs
 * Kafka), so the cluster keeps working with any one node down.
 *
 * <p>A node's output goes to {@code node-<id>.log} in the cluster's directory, kept across its restarts.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaCluster.class);
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    /** Small heaps and the C1 compiler only: three brokers share a test machine with the services under test. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path dir;
    private final KafkaQuorum quorum;
    private final String classPath;
    private final Map<Integer, Process> nodes = new TreeMap<>();

    private LocalKafkaCluster(Path dir, KafkaQuorum quorum, String classPath) {
        this.dir = dir.toAbsolutePath();
        this.quorum = quorum;
        this.classPath = classPath;
    }

    /**
     * Starts {@code size} nodes at once (a node waits for a majority of controllers before it serves) and returns
     * when every one does.
     *
     * @throws IllegalStateException when a node exits or is not ready within 90 s; the others are stopped
     */
    public static LocalKafkaCluster start(Path dir, int size) {
        LocalKafkaCluster cluster = new LocalKafkaCluster(dir, KafkaQuorum.onFreePorts(size),
                System.getProperty("java.class.path"));
        try {
            Map<Integer, Long> logOffsets = new TreeMap<>();
            for (KafkaQuorum.Member member : cluster.quorum.members()) {
                logOffsets.put(member.nodeId(), cluster.launch(member.nodeId()));
            }
            logOffsets.forEach(cluster::awaitReady);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} nodes ready on {}", size, cluster.bootstrapServers());
        return cluster;
    }

    /** Every node's client address, whether it runs or not, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return quorum.bootstrapServers();
    }

    public List<Integer> nodeIds() {
        return quorum.members().stream().map(KafkaQuorum.Member::nodeId).toList();
    }

    /** Stops node {@code nodeId} as an operator does (SIGTERM: controlled shutdown) and waits for it to end. */
    public synchronized void stop(int nodeId) {
        end(nodeId, false);
    }

    /** Kills node {@code nodeId} (SIGKILL), as a crashed machine would end it. */
    public synchronized void kill(int nodeId) {
        end(nodeId, true);
    }

    /** Starts a stopped or killed node again on its data dir and returns once it serves clients. */
    public synchronized void restart(int nodeId) {
        Process running = nodes.get(nodeId);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is running");
        }
        awaitReady(nodeId, launch(nodeId));
    }

    public synchronized boolean isRunning(int nodeId) {
        Process process = nodes.get(nodeId);
        return process != null && process.isAlive();
    }

    /** Stops every node still running, each within 30 s (then killed). */
    @Override
    public synchronized void close() {
        List<Integer> running = new ArrayList<>(nodes.keySet());
        running.forEach(id -> nodes.get(id).destroy());
        for (int id : running) {
            end(id, false);
        }
    }

    private void end(int nodeId, boolean kill) {
        Process process = nodes.get(nodeId);
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Kafka node {} did not stop within {} s; killed", nodeId, STOP_DEADLINE.toSeconds());
                process.destroyForcibly().waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("Kafka node {} {}", nodeId, kill ? "killed" : "stopped");
    }

    /** Starts the node's process; returns the length of its log before, where its ready line will follow. */
    private long launch(int nodeId) {
        Path dataDir = dir.resolve("node-" + nodeId);
        Path log = log(nodeId);
        try {
            Files.createDirectories(dataDir);
            long before = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", classPath, KafkaClusterNode.class.getName(), dataDir.toString(),
                    Integer.toString(nodeId), quorum.toSpec()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            nodes.put(nodeId, process);
            return before;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka node " + nodeId + " in " + dataDir, e);
        }
    }

    private void awaitReady(int nodeId, long logOffset) {
        long giveUpAt = System.nanoTime() + START_DEADLINE.toNanos();
        String ready = KafkaClusterNode.READY + nodeId;
        while (System.nanoTime() < giveUpAt) {
            String output = logSince(nodeId, logOffset);
            if (output.contains(ready)) {
                return;
            }
            if (!nodes.get(nodeId).isAlive()) {
                throw new IllegalStateException("Kafka node " + nodeId + " exited while starting:\n" + tail(output));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Kafka node " + nodeId, e);
            }
        }
        throw new IllegalStateException("Kafka node " + nodeId + " was not ready within " + START_DEADLINE.toSeconds()
                + " s:\n" + tail(logSince(nodeId, logOffset)));
    }

    private Path log(int nodeId) {
        return dir.resolve("node-" + nodeId + ".log");
    }

    private String logSince(int nodeId, long offset) {
        try {
            byte[] all = Files.readAllBytes(log(nodeId));
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
