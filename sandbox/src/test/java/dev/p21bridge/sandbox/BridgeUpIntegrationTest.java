package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.app.console.PageFrame;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./bridge up} as a user runs it: the built jar in a child JVM. It prints its URLs, the broker and registry
 * answer, every catalog topic exists, the sample orders reach P21, and SIGTERM ends it with exit 0 inside 15 s. Also: a malformed setting stops {@code ./bridge run} with one line naming it.
 */
@Tag("integration")
class BridgeUpIntegrationTest {

    private static final Path JAR = Path.of("target", "p21-bridge-sandbox.jar");
    /** Below every usual ephemeral range, see {@link #freePorts}. */
    private static final int FIXED_PORTS_FROM = 20_000;
    private static final int FIXED_PORTS_TO = 32_768;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** As a merchant would set it: a real secret, which {@code up} must not print. */
    private static final String GIVEN_XCART_SECRET = "whsec-given-by-the-merchant-3f9a1c";

    @TempDir
    Path dataDir;

    @Test
    void shouldStartEverythingServeTheSamplesAndStopCleanlyOnSigterm() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        int[] ports = freePorts(7);
        List<String> command = List.of(javaBin(), "-Xmx512m", "-jar", JAR.toString(), "up", "--fresh",
                "--data-dir", dataDir.toString(), "--kafka-port", "" + ports[0], "--registry-port", "" + ports[1],
                "--ingress-port", "" + ports[2], "--console-port", "" + ports[3], "--p21-port", "" + ports[4],
                "--xcart-port", "" + ports[5], "--clarity-port", "" + ports[6]);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BRIDGE_LOG_FORMAT", "TEXT");
        builder.environment().put("BRIDGE_XCART_WEBHOOK_SECRET", GIVEN_XCART_SECRET);
        builder.environment().remove("BRIDGE_ADMIN_TOKEN");
        Process bridge = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(bridge.getInputStream(), output));
        reader.start();
        try {
            Await.until("the bridge's start", Duration.ofSeconds(60),
                    () -> output.stream().anyMatch(l -> l.contains("Stop with Ctrl-C or SIGTERM")), () -> String.join("\n", output));
            String printed = String.join("\n", output);
            assertThat(printed).contains("localhost:" + ports[0], "http://localhost:" + ports[1],
                    "http://localhost:" + ports[4], "clarity-dev-secret", "from $BRIDGE_XCART_WEBHOOK_SECRET");
            assertThat(printed).as("a secret from the environment is never printed").doesNotContain(GIVEN_XCART_SECRET);
            for (int port : ports) {
                assertThat(ListeningSockets.on(port)).as("sockets listening on %d", port).isNotEmpty()
                        .allMatch(ListeningSockets.Socket::isLoopback, "bound to loopback only");
            }
            assertAdminTokenMadeForTheDataDirectory(printed, ports[3]);

            assertThat(get("http://localhost:" + ports[1] + "/subjects").statusCode()).isEqualTo(200);
            // the console's templates, scripts and styles made it into the shaded jar
            assertThat(get("http://localhost:" + ports[3] + "/login").body()).contains("Admin token");
            for (String asset : List.of(PageFrame.HTMX, PageFrame.UPLOT, "/console/console.css")) {
                assertThat(get("http://localhost:" + ports[3] + asset).statusCode()).as(asset).isEqualTo(200);
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:" + ports[0]))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).containsAll(Topics.all().stream().map(Topic::name).toList());
                assertCatalogLayout(admin);
            }

            postSample(ports[2], "xcart", GIVEN_XCART_SECRET);
            postSample(ports[2], "clarity", "clarity-dev-secret");
            Instant posted = Instant.now();
            Await.until("both sample orders in P21", Duration.ofSeconds(10), () -> {
                String orders = get("http://localhost:" + ports[4] + "/sim/orders").body();
                return orders.contains("xcart:10452") && orders.contains("clarity:CL-2026-000981");
            }, () -> String.join("\n", output));
            // how fast is a benchmark's business (docs/benchmarks.md, end to end); here it must only arrive
            System.out.println("sample orders in P21 after " + Duration.between(posted, Instant.now()).toMillis() + " ms");
        } finally {
            bridge.destroy();  // SIGTERM
        }
        assertThat(bridge.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s").isTrue();
        assertThat(bridge.exitValue()).as(String.join("\n", output)).isZero();
        reader.join(5_000);
    }

    /** Every topic as the catalog lays it out: partitions and cleanup policy, which analysts' tools rely on. */
    private static void assertCatalogLayout(Admin admin) throws Exception {
        List<String> names = Topics.all().stream().map(Topic::name).toList();
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        for (Topic<?> topic : Topics.all()) {
            assertThat(described.get(topic.name()).partitions()).as("partitions of " + topic)
                    .hasSize(topic.partitions());
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get("cleanup.policy").value();
            assertThat(policy).as("cleanup.policy of " + topic).isEqualTo(topic.compacted() ? "compact" : "delete");
        }
    }

    /** Random, owner-only, shown once, and the well-known dev token of old versions opens nothing. */
    private void assertAdminTokenMadeForTheDataDirectory(String printed, int consolePort) throws IOException {
        Path file = dataDir.resolve("admin-token");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String token = Files.readString(file).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(printed.split(java.util.regex.Pattern.quote(token), -1)).as("the token is shown once").hasSize(2);
        assertThat(adminGet(consolePort, "admin-dev-token").statusCode()).isEqualTo(401);
        assertThat(adminGet(consolePort, token).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> adminGet(int consolePort, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + consolePort + "/api/dlq/p21-sink"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void postSample(int ingressPort, String source, String secret) throws Exception {
        byte[] body;
        try (InputStream in = BridgeUpIntegrationTest.class.getResourceAsStream("/samples/" + source + "/order.created.json")) {
            body = in.readAllBytes();
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ingressPort + "/webhooks/" + source))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", "sample-" + source)
                .header("X-Webhook-Event", "order.created")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void readLines(InputStream in, List<String> into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("<output closed: " + e + ">");
        }
    }

    /**
     * Ports free right now, for a child JVM that must bind fixed ones, also when it is started again. They come from
     * below the kernel's ephemeral range (32768-60999 on Linux, 49152-65535 on macOS). A port that
     * {@code new ServerSocket(0)} hands out lies inside that range, so while a killed child is down the kernel may give
     * it to any outgoing connection as its local port, and the restarted child cannot bind it: CI saw the registry's
     * port "already in use" after a SIGKILL in {@link CrashRecoveryIntegrationTest}.
     */
    static int[] freePorts(int count) throws IOException {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int tries = 0; chosen.size() < count; tries++) {
            if (tries == 1_000) {
                throw new IOException("no " + count + " free ports between " + FIXED_PORTS_FROM + " and "
                        + FIXED_PORTS_TO + " after 1000 tries, found " + chosen);
            }
            int port = ThreadLocalRandom.current().nextInt(FIXED_PORTS_FROM, FIXED_PORTS_TO);
            if (!chosen.contains(port) && isFree(port)) {
                chosen.add(port);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
