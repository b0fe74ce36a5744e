package dev.p21bridge.bench;

import dev.p21bridge.kafka.EmbeddedKafkaBroker;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of each production service under load (docs/benchmarks.md): the four services run as a deployment
 * runs them, each in its own JVM from the app jar ({@code java -jar p21-bridge.jar run <service>}), against a broker,
 * registry and the three simulators in this JVM. Both storefront simulators check out {@code bench.rate} orders per
 * second between them for {@code bench.seconds} (with their customers, captures and redeliveries, as a store sends
 * them). Each service's {@code VmRSS} is read every second from {@code /proc}; the benchmark prints the highest and
 * the last reading per service and the orders that reached P21.
 *
 * <p>System properties: {@code bench.rate} [100], {@code bench.seconds} [300], {@code bench.appJar}
 * [app/target/p21-bridge.jar], {@code bench.serviceHeap} [256m] ({@code -Xmx} of each service, the transformer's
 * included; the Dockerfile gives each 75 % of its container instead).
 */
public final class ServiceMemoryBenchmark {

    private static final List<String> SERVICES = List.of("ingress", "transformer", "p21-sink", "storefront-sink");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 100);
        Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 300));
        Path jar = Path.of(System.getProperty("bench.appJar", "app/target/p21-bridge.jar"));
        String heap = System.getProperty("bench.serviceHeap", "256m");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -pl app -am package -DskipTests");
        }
        System.out.println("machine: " + MachineReport.describe());
        Path dataDir = Files.createTempDirectory("p21-bench-services-");
        int ingressPort = freePort();
        URI webhooks = URI.create("http://localhost:" + ingressPort + "/webhooks/");
        List<Process> processes = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir.resolve("kafka")).port(0)
                .build().start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), 0).start();
             P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)
                     .withOrdersKept(SimulatedP21Orders.KEEP_EVERY_ORDER)).start();
             XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                     .withWebhookUrl(webhooks.resolve("xcart"))).start();
             ClaritySimulator clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0)
                     .withWebhookUrl(webhooks.resolve("clarity"))).start()) {
            Map<String, String> environment = environment(broker, registry, p21, xcart, clarity, dataDir);
            Map<String, Process> services = new LinkedHashMap<>();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String service : SERVICES) {
                int port = service.equals("ingress") ? ingressPort : freePort();
                Process process = start(jar, service, port, heap, environment, dataDir);
                processes.add(process);
                services.put(service, process);
                ports.put(service, port);
            }
            awaitHealthy(ports, Duration.ofMinutes(3));
            Map<String, Long> idle = new LinkedHashMap<>();
            services.forEach((service, process) -> idle.put(service, ResidentMemory.currentKib(process.pid())));

            Map<String, AtomicLong> maxKib = new LinkedHashMap<>();
            services.keySet().forEach(service -> maxKib.put(service, new AtomicLong()));
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    services.forEach((service, process) -> maxKib.get(service)
                            .accumulateAndGet(ResidentMemory.currentKib(process.pid()), Math::max));
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-service-rss");
            sampler.setDaemon(true);
            sampler.start();

            long placed = checkOut(List.of(xcart, clarity), rate, measured);
            long inP21 = awaitOrders(p21, placed, Duration.ofMinutes(5));
            sampler.interrupt();
            sampler.join();

            System.out.println();
            System.out.printf("load: %,d orders checked out in %d s (%.0f/s of the %d/s asked, both stores); %,d in P21"
                    + " at the end%n", placed, measured.toSeconds(), placed / (double) measured.toSeconds(), rate, inP21);
            System.out.println("| service | resident at start | max under load | at the end | -Xmx |");
            System.out.println("|---|---|---|---|---|");
            services.forEach((service, process) -> System.out.printf("| %s | %.0f MiB | %.0f MiB | %.0f MiB | %s |%n",
                    service, idle.get(service) / 1024.0, maxKib.get(service).get() / 1024.0,
                    ResidentMemory.currentKib(process.pid()) / 1024.0, heap));
        } finally {
            for (Process process : processes) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            ScratchBroker.deleteTree(dataDir);
        }
        System.exit(0);
    }

    /** Checks out {@code rate} orders a second, half in each store, for {@code duration}; the orders placed. */
    private static long checkOut(List<StorefrontSimulator> stores, int rate, Duration duration)
            throws InterruptedException {
        long placed = 0;
        long start = System.nanoTime();
        long tick = 0;
        while (System.nanoTime() - start < duration.toNanos()) {
            for (StorefrontSimulator store : stores) {
                placed += store.checkout(CheckoutRequest.of(Math.max(1, rate / stores.size() / 4))).size();
            }
            tick++;
            long next = start + tick * 250_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return placed;
    }

    private static long awaitOrders(P21Simulator p21, long placed, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long seen = ordersIn(p21);
        while (seen < placed && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            seen = ordersIn(p21);
        }
        return seen;
    }

    /** Distinct storefront orders P21 holds: an order created twice counts once here (the benchmark measures memory). */
    private static long ordersIn(P21Simulator p21) {
        return p21.orders().stream().map(P21Order::webReferenceNo).distinct().count();
    }

    private static Process start(Path jar, String service, int port, String heap, Map<String, String> environment,
                                 Path dataDir) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseG1GC", "-jar", jar.toString(), "run", service);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(service + ".log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("BRIDGE_HTTP_PORT", Integer.toString(port));
        builder.environment().put("BRIDGE_INGRESS_PORT", Integer.toString(port));
        return builder.start();
    }

    private static Map<String, String> environment(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                                                   P21Simulator p21, StorefrontSimulator xcart,
                                                   StorefrontSimulator clarity, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_LOG_FORMAT", "TEXT");
        env.put("BRIDGE_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        env.put("BRIDGE_SCHEMA_REGISTRY_URL", registry.url());
        env.put("BRIDGE_TRANSFORMER_STATE_DIR", dataDir.resolve("streams").toString());
        env.put("BRIDGE_XCART_WEBHOOK_SECRET", StorefrontSimulatorConfig.xcartDefaults().webhookSecret());
        env.put("BRIDGE_CLARITY_WEBHOOK_SECRET", StorefrontSimulatorConfig.clarityDefaults().webhookSecret());
        env.put("BRIDGE_P21_URL", p21.url());
        env.put("BRIDGE_P21_USERNAME", P21SimulatorConfig.defaults().username());
        env.put("BRIDGE_P21_PASSWORD", P21SimulatorConfig.defaults().password());
        env.put("BRIDGE_XCART_URL", xcart.url().toString());
        env.put("BRIDGE_XCART_TOKEN", StorefrontSimulatorConfig.xcartDefaults().apiToken());
        env.put("BRIDGE_CLARITY_URL", clarity.url().toString());
        env.put("BRIDGE_CLARITY_TOKEN", StorefrontSimulatorConfig.clarityDefaults().apiToken());
        return env;
    }

    private static void awaitHealthy(Map<String, Integer> ports, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            while (!healthy(service.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.getKey() + " did not answer GET /health with 200 within "
                            + limit.toSeconds() + " s; see its log in the data directory");
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
