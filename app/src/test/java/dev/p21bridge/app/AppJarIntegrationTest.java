package dev.p21bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar a deployment runs ({@code ./bridge run}, docker-compose): it holds the four services and nothing of the
 * sandbox (no simulator, embedded broker, registry or test code), and each service starts from it against an outside
 * Kafka and registry, answers {@code /health}, and stops cleanly on SIGTERM.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class AppJarIntegrationTest {

    private static final Path JAR = Path.of("target", "p21-bridge.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Packages that belong to the sandbox or the tests, never to a deployment. */
    private static final List<String> SANDBOX_ONLY = List.of("dev/p21bridge/simulators/", "dev/p21bridge/sandbox/",
            "dev/p21bridge/kafka/", "dev/p21bridge/registry/", "dev/p21bridge/testing/", "org/junit/",
            "org/testcontainers/", "kafka/server/", "org/apache/kafka/raft/");

    private static String bootstrap;
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startRegistry(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldHoldTheServicesAndNoSimulatorBrokerRegistryOrTestClass() throws IOException {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(JarEntry::getName).forEach(entries::add);
        }

        assertThat(entries).contains("dev/p21bridge/app/BridgeCli.class",
                "dev/p21bridge/ingress/WebhookIngress.class", "dev/p21bridge/transformer/TransformerService.class",
                "dev/p21bridge/p21/P21SinkService.class", "dev/p21bridge/storefront/StorefrontSinkService.class");
        assertThat(entries).filteredOn(entry -> SANDBOX_ONLY.stream().anyMatch(entry::startsWith)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ingress", "transformer", "p21-sink", "storefront-sink"})
    void shouldStartTheServiceAnswerHealthAndStopCleanly(String service) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", JAR.toString(), "run", service)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BRIDGE_LOG_FORMAT", "TEXT");
        env.put("BRIDGE_KAFKA_BOOTSTRAP", bootstrap);
        env.put("BRIDGE_SCHEMA_REGISTRY_URL", registry.url());
        env.put("BRIDGE_HTTP_PORT", Integer.toString(port));
        env.put("BRIDGE_INGRESS_PORT", Integer.toString(port));
        env.put("BRIDGE_XCART_WEBHOOK_SECRET", "xcart-test-secret");
        env.put("BRIDGE_CLARITY_WEBHOOK_SECRET", "clarity-test-secret");
        env.put("BRIDGE_P21_URL", "http://localhost:9");
        env.put("BRIDGE_XCART_URL", "http://localhost:9");
        env.put("BRIDGE_CLARITY_URL", "http://localhost:9");
        env.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.resolve(service).toString());
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output));
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until(service + " healthy on :" + port, Duration.ofSeconds(90),
                    () -> health(port).statusCode() == 200, () -> String.join("\n", output));
        } finally {
            process.destroy();  // SIGTERM
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    }

    @Test
    void shouldStopWithOneLineNamingAMalformedSetting() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "run", "p21-sink")
                .redirectErrorStream(true);
        builder.environment().put("BRIDGE_P21_URL", "ftp://p21.example.com");
        Process run = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        readLines(run, lines);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(2);
        assertThat(lines).filteredOn(l -> l.startsWith("bridge: ")).singleElement().asString()
                .contains("BRIDGE_P21_URL is malformed");
    }

    private static HttpResponse<String> health(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void readLines(Process process, List<String> into) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("<output closed: " + e + ">");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
