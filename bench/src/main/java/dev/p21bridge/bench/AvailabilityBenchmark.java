package dev.p21bridge.bench;

import dev.p21bridge.ingress.IngressConfig;
import dev.p21bridge.ingress.WebhookIngress;
import dev.p21bridge.ingress.availability.AvailabilityConfig;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Availability API target (docs/benchmarks.md): p99 under {@value #P99_TARGET_MILLIS} ms for
 * {@code GET /stores/xcart/availability} with {@code bench.skus} levels in {@code canonical.inventory}, asked by
 * {@code bench.callers} concurrent callers on keep-alive connections ({@link RawHttpConnection}), each call
 * {@code bench.skusPerCall} random SKUs with their locations, while {@code bench.updateRate} levels a second keep
 * changing underneath. The real {@link WebhookIngress} reads the topic as in production (broker and registry in this
 * JVM, on the same cores as the callers).
 *
 * <p>Judged at a fixed rate of {@code bench.rate} calls a second shared by the callers, each latency measured from
 * the moment its call was due (so a call waiting behind a slow one counts its wait); then, for information, as fast
 * as the callers go (a closed loop that saturates the two cores and measures their queue more than the API).
 *
 * <p>System properties (defaults in brackets): {@code bench.skus} [10000], {@code bench.locations} per SKU [3],
 * {@code bench.callers} [16], {@code bench.skusPerCall} [10], {@code bench.warmupSeconds} [30],
 * {@code bench.rate} [1000], {@code bench.seconds} [30], {@code bench.updateRate} [200].
 */
public final class AvailabilityBenchmark {

    static final double P99_TARGET_MILLIS = 10;
    private static final String TOKEN = "bench-availability-token-0123456789";

    private AvailabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        MachineReport.giveTheCommonPoolTwoThreads();
        int skus = Integer.getInteger("bench.skus", 10_000);
        int locations = Integer.getInteger("bench.locations", 3);
        int callers = Integer.getInteger("bench.callers", 16);
        int skusPerCall = Integer.getInteger("bench.skusPerCall", 10);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 30));
        int rate = Integer.getInteger("bench.rate", 1_000);
        Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        int updateRate = Integer.getInteger("bench.updateRate", 200);
        System.out.println("machine: " + MachineReport.describe());
        try (ScratchBroker broker = ScratchBroker.start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), 0).start()) {
            Map<String, String> settings = new HashMap<>(BenchSettings.fromSystemProperty());
            settings.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), registry.url());
            settings.put(IngressConfig.PORT.name(), "0");
            settings.put(IngressConfig.XCART_SECRET.name(), "bench-xcart-secret");
            settings.put(IngressConfig.CLARITY_SECRET.name(), "bench-clarity-secret");
            settings.put(AvailabilityConfig.tokenVariable("xcart"), TOKEN);
            Environment environment = broker.environment(settings);
            KafkaConfig kafka = KafkaConfig.from(environment);
            try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
                new TopicInitializer(admin, kafka).createMissing(List.of(Topics.CANONICAL_INVENTORY),
                        Duration.ofSeconds(30));
            }
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            try (Producer<String, InventoryLevel> producer = new KafkaProducer<>(kafka.clientProperties(),
                    new StringSerializer(), new ConfluentAvroSerializer<>(client, InventoryLevel.class))) {
                long fill = System.nanoTime();
                for (int i = 0; i < skus; i++) {
                    producer.send(new ProducerRecord<>(Topics.CANONICAL_INVENTORY.name(), sku(i),
                            level(i, locations, 1_000 + i)));
                }
                producer.flush();
                System.out.printf("filled canonical.inventory with %d levels of %d locations in %.1fs%n", skus,
                        locations, (System.nanoTime() - fill) / 1e9);

                long heapBefore = usedHeapAfterGc();
                long start = System.nanoTime();
                try (WebhookIngress ingress = new WebhookIngress(IngressConfig.from(environment)).start()) {
                    awaitLoaded(ingress.port());
                    System.out.printf("ingress started and read every level in %.1fs; heap +%d MiB with them (the"
                                    + " whole JVM, broker included: an upper bound)%n", (System.nanoTime() - start) / 1e9,
                            (usedHeapAfterGc() - heapBefore) / (1 << 20));
                    AtomicBoolean updating = new AtomicBoolean(true);
                    Thread updates = new Thread(() -> update(producer, skus, locations, updateRate, updating),
                            "level-updates");
                    updates.setDaemon(true);
                    updates.start();
                    System.out.printf("%d callers, %d SKUs and %d locations per call, %d level updates/s%n",
                            callers, skusPerCall, locations, updateRate);
                    System.out.println("warm-up, as fast as the callers go: " + run(ingress.port(), callers, skus,
                            skusPerCall, locations, warmup, 0) + " loadavg=" + MachineReport.loadAverage());
                    Result result = run(ingress.port(), callers, skus, skusPerCall, locations, measured, rate);
                    System.out.println("fixed rate " + rate + "/s: " + result + " loadavg="
                            + MachineReport.loadAverage());
                    Result saturated = run(ingress.port(), callers, skus, skusPerCall, locations, measured, 0);
                    System.out.println("as fast as the callers go: " + saturated + " loadavg="
                            + MachineReport.loadAverage());
                    updating.set(false);
                    updates.join(2_000);
                    System.out.println();
                    System.out.println("| measure | figure | target | met |");
                    System.out.println("|---|---|---|---|");
                    boolean met = result.latency().p99Millis() < P99_TARGET_MILLIS && result.failed() == 0;
                    System.out.printf("| availability API at %d calls/s, %d SKUs, %d callers, %d SKUs per call: p50 /"
                                    + " p99 / max ms | %.2f / %.2f / %.2f (%.0f calls/s, %d failed) | p99 < %d ms | %s |%n",
                            rate, skus, callers, skusPerCall, result.latency().p50Millis(), result.latency().p99Millis(),
                            result.latency().maxMillis(), result.callsPerSecond(), result.failed(),
                            (int) P99_TARGET_MILLIS, met ? "yes" : "NO");
                    System.out.printf("| the same as fast as the callers go: p50 / p99 / max ms | %.2f / %.2f / %.2f"
                                    + " (%.0f calls/s, %d failed) | (information) | - |%n",
                            saturated.latency().p50Millis(), saturated.latency().p99Millis(),
                            saturated.latency().maxMillis(), saturated.callsPerSecond(), saturated.failed());
                }
            }
        }
        System.exit(0);
    }

    private record Result(Latencies.Summary latency, double callsPerSecond, long failed) {
        @Override
        public String toString() {
            return latency + String.format(" %.0f calls/s, %d failed", callsPerSecond, failed);
        }
    }

    /** {@code rate} calls a second shared by the callers, each timed from when it was due; 0: back to back. */
    private static Result run(int port, int callers, int skus, int skusPerCall, int locations, Duration duration,
                              int rate) throws InterruptedException {
        Latencies latencies = new Latencies(20_000_000);
        AtomicLong failed = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = rate == 0 ? 0 : callers * 1_000_000_000L / rate;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long first = start + (rate == 0 ? 0 : c * interval / callers);
            Thread caller = new Thread(() -> {
                long due = first;
                try (RawHttpConnection connection = new RawHttpConnection("127.0.0.1", port)) {
                    while (System.nanoTime() < end) {
                        byte[] request = request(skus, skusPerCall, locations);
                        long sent = System.nanoTime();
                        if (rate != 0) {
                            if (due > sent) {
                                LockSupport.parkNanos(due - sent);
                            }
                            sent = due;
                            due += interval;
                        }
                        int status;
                        try {
                            status = connection.exchange(request);
                        } catch (java.io.IOException e) {
                            status = -1;
                        }
                        latencies.record(System.nanoTime() - sent);
                        calls.incrementAndGet();
                        if (status != 200) {
                            failed.incrementAndGet();
                        }
                    }
                }
            }, "caller-" + c);
            threads.add(caller);
            caller.start();
        }
        for (Thread caller : threads) {
            caller.join();
        }
        return new Result(latencies.summary(), calls.get() / (duration.toNanos() / 1e9), failed.get());
    }

    private static byte[] request(int skus, int skusPerCall, int locations) {
        StringBuilder path = new StringBuilder("/stores/xcart/availability?");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < skusPerCall; i++) {
            path.append(i == 0 ? "" : "&").append("sku=").append(sku(random.nextInt(skus)));
        }
        for (int l = 0; l < locations; l++) {
            path.append("&location=").append(location(l));
        }
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void update(Producer<String, InventoryLevel> producer, int skus, int locations, int perSecond,
                               AtomicBoolean updating) {
        long sent = 0;
        long start = System.nanoTime();
        while (updating.get()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            for (; sent < due; sent++) {
                int i = ThreadLocalRandom.current().nextInt(skus);
                producer.send(new ProducerRecord<>(Topics.CANONICAL_INVENTORY.name(), sku(i),
                        level(i, locations, System.currentTimeMillis())));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void awaitLoaded(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/availability"))
                .build();
        while (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingress did not read canonical.inventory within 2 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static String sku(int i) {
        return String.format("BENCH-%06d", i);
    }

    private static String location(int l) {
        return Integer.toString(10 * (l + 1));
    }

    private static InventoryLevel level(int i, int locations, long changedAt) {
        List<StockLocation> stock = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 0; l < locations; l++) {
            BigDecimal free = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(500)).setScale(4);
            total = total.add(free);
            stock.add(StockLocation.newBuilder().setLocationId(location(l)).setOnHand(free)
                    .setAllocated(BigDecimal.ZERO.setScale(4)).setAvailable(free)
                    .setChangedAt(Instant.ofEpochMilli(changedAt)).build());
        }
        return InventoryLevel.newBuilder().setSku(sku(i)).setP21ItemId(sku(i)).setSource(Source.P21)
                .setSourceEventId("bench-" + changedAt).setEventTime(Instant.ofEpochMilli(changedAt))
                .setChangedAt(Instant.ofEpochMilli(changedAt)).setLocations(stock)
                .setReserved(BigDecimal.ZERO.setScale(4)).setAvailable(total).build();
    }
}
