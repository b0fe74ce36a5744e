package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge killed with SIGKILL three times while 5,000 orders stream in, restarted each time on the same data
 * directory: P21 ends with exactly 5,000 sales orders, none twice. The bridge runs as a child JVM (the built jar);
 * P21 and the storefront live in this JVM, outside the process that is killed, as real ones would.
 */
@Tag("integration")
class CrashRecoveryIntegrationTest {

    private static final int ORDERS = 5_000;
    private static final Path JAR = Path.of("target", "p21-bridge-sandbox.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    /** What the running bridge printed, and its pid: a stalled run is explained by its log and a thread dump. */
    private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Process current;

    /** A failed run must not leave its bridge running: it would hold ports and CPU for the rest of the build. */
    @org.junit.jupiter.api.AfterEach
    void stopTheBridge() throws InterruptedException {
        if (current != null && current.isAlive()) {
            current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldCreateEveryOrderExactlyOnceThoughTheBridgeIsKilledThreeTimes() throws Exception {
        int[] ports = BridgeUpIntegrationTest.freePorts(7);
        try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start()) {
            Process bridge = startBridge(ports, p21.url());
            ExecutorService storefront = Executors.newFixedThreadPool(16);
            AtomicInteger accepted = new AtomicInteger();
            List<Future<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                long orderId = 500_000 + i;
                deliveries.add(storefront.submit(() -> deliverUntilAccepted(ports[2], orderId, accepted)));
            }
            for (int kill = 1; kill <= 3; kill++) {
                int target = ORDERS * kill / 4;
                Await.until("P21 orders " + target, Duration.ofMinutes(3), () -> p21.orders().size() >= target, () -> stalled("P21 orders " + p21.orders().size()));
                bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);  // SIGKILL
                bridge = startBridge(ports, p21.url());
            }
            for (Future<?> delivery : deliveries) {
                delivery.get(5, TimeUnit.MINUTES);
            }
            storefront.shutdown();
            assertThat(accepted.get()).isGreaterThanOrEqualTo(ORDERS);
            Await.until("P21 orders " + ORDERS, Duration.ofMinutes(3), () -> p21.orders().size() >= ORDERS, () -> stalled("P21 orders " + p21.orders().size()));
            // a stray duplicate could only come from an order record the sink has not yet answered: count once none is left
            Await.until("the p21-sink's offsets past every order record", Duration.ofMinutes(1),
                    () -> sinkCommittedPastEveryOrder("localhost:" + ports[0]), () -> stalled("p21-sink behind"));
            bridge.destroy();
            assertThat(bridge.waitFor(15, TimeUnit.SECONDS)).isTrue();

            List<P21Order> orders = p21.orders();
            Set<String> references = new HashSet<>();
            for (P21Order order : orders) {
                assertThat(references.add(order.webReferenceNo())).as("duplicate %s", order.webReferenceNo()).isTrue();
            }
            assertThat(orders).hasSize(ORDERS);
        }
    }

    private Process startBridge(int[] ports, String p21Url) throws Exception {
        Path logback = Path.of("target", "test-classes", "crash-recovery-logback.xml").toAbsolutePath();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlogback.configurationFile=" + logback, "-jar", JAR.toString(), "up", "--data-dir", dataDir.toString(), "--p21-url", p21Url,
                "--kafka-port", "" + ports[0], "--registry-port", "" + ports[1], "--ingress-port", "" + ports[2],
                "--console-port", "" + ports[3], "--p21-port", "" + ports[4], "--xcart-port", "" + ports[5],
                "--clarity-port", "" + ports[6]);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BRIDGE_LOG_FORMAT", "TEXT");
        output.add("=== bridge started " + Instant.now() + " ===");
        Process process = builder.start();
        current = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException closed) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        int from = output.size();
        Await.until("the bridge's start", Duration.ofSeconds(90), () -> List.copyOf(output).stream().skip(from)
                        .anyMatch(l -> l.contains("Stop with Ctrl-C")),
                () -> String.join("\n", output));
        return process;
    }

    /**
     * Whether the p21-sink's group has committed past the last record of every {@code canonical.orders} partition.
     * Compared with the last record read, not the end offset: a transaction's commit marker sits after it.
     */
    private static boolean sinkCommittedPastEveryOrder(String bootstrap) throws Exception {
        Map<TopicPartition, Long> lastRecord = new HashMap<>();
        for (ConsumerRecord<String, byte[]> order : TopicReader.readToEnd(bootstrap, Topics.CANONICAL_ORDERS.name(), Duration.ofSeconds(10))) {
            lastRecord.merge(new TopicPartition(order.topic(), order.partition()), order.offset(), Math::max);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(P21SinkService.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return lastRecord.entrySet().stream().allMatch(last -> committed.get(last.getKey()) != null
                    && committed.get(last.getKey()).offset() > last.getValue());
        }
    }

    /**
     * Writes the bridge's log and a thread dump of the child JVM to {@code target/crash-recovery-stall.log} and
     * returns the message: a stall on a CI machine must leave enough behind to be explained.
     */
    private String stalled(String state) {
        StringBuilder report = new StringBuilder(state).append("\n--- thread dump ---\n");
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(current.pid())).redirectErrorStream(true).start();
            report.append(new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            report.append("no thread dump: ").append(e.getMessage());
        }
        report.append("\n--- bridge log ---\n").append(String.join("\n", output));
        try {
            java.nio.file.Files.writeString(Path.of("target", "crash-recovery-stall.log"), report);
        } catch (IOException e) {
            // the message below still carries the state
        }
        List<String> lines = List.copyOf(output);
        return state + " (thread dump and log in target/crash-recovery-stall.log); last lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** A storefront redelivers until the bridge accepts, as real ones do for days. */
    private static void deliverUntilAccepted(int ingressPort, long orderId, AtomicInteger accepted) {
        byte[] body = order(orderId);
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(giveUp)) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + ingressPort + "/webhooks/xcart"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Webhook-Id", "crash-" + orderId)
                        .header("X-Webhook-Event", "order.created")
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), BridgeSystem.XCART_DEV_SECRET))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted.incrementAndGet();
                    return;
                }
            } catch (IOException down) {
                // the bridge is restarting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("order " + orderId + " was never accepted");
    }

    private static byte[] order(long id) {
        try (InputStream in = CrashRecoveryIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            ObjectNode order = (ObjectNode) new ObjectMapper().readTree(in);
            order.put("id", id);
            order.put("order_number", Long.toString(id));
            return new ObjectMapper().writeValueAsBytes(order);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
