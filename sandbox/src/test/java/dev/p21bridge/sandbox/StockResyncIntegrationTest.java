package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.ProductView;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.catalog.StockResync;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./bridge resync stock} (issue 26, point 3): every product of the X-Cart store is set to 0 through its API, as
 * a botched import would; the live stock flow sees nothing new to write, so only a resync brings the amounts back.
 * While Clarity's orders keep flowing (and keep changing levels), the resync restores every SKU of X-Cart to what the
 * bridge's canonical.inventory says, and every order still reaches P21.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class StockResyncIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    @Test
    void shouldRestoreEveryWipedSkuToTheBridgesLevelWhileOrdersKeepFlowing() throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        StorefrontSimulator clarity = bridge.system().clarity();
        // the first start loads P21's stock in full: wait until X-Cart shows it before wiping it
        Await.until("X-Cart showing the bridge's levels", Duration.ofSeconds(90),
                () -> levels().size() > 100 && differences(xcart).isEmpty(),
                () -> levels().size() + " levels, " + differences(xcart).size() + " SKUs differ");
        int skus = levels().size();

        wipe(xcart);
        assertThat(differences(xcart)).as("SKUs that still show stock after the wipe").hasSizeGreaterThan(skus / 2);

        List<String> live = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean resyncing = new AtomicBoolean(true);
        ExecutorService liveTraffic = Executors.newSingleThreadExecutor();
        Future<?> placing = liveTraffic.submit(() -> {
            while (resyncing.get()) {
                clarity.checkout(CheckoutRequest.of(5).withRates(0.0, 0)).forEach(id -> live.add("clarity:" + id));
                TimeUnit.MILLISECONDS.sleep(100);
            }
            return null;
        });
        StockResync.Result result;
        long started = System.nanoTime();
        try (StockResync resync = StockResync.open(kafka())) {
            result = resync.run(Set.of(Storefront.XCART), Set.of(), 100, p -> { }, () -> false);
        } finally {
            resyncing.set(false);
            placing.get();
            liveTraffic.shutdown();
        }
        assertThat(result.sent()).isEqualTo(result.total()).isGreaterThanOrEqualTo(skus);
        assertThat(result.missing()).isEmpty();
        assertThat(live).isNotEmpty();

        Await.until("every SKU of X-Cart restored to the bridge's level", Duration.ofSeconds(60),
                () -> differences(xcart).isEmpty(), () -> differences(xcart).size() + " SKUs differ, e.g. "
                        + differences(xcart).entrySet().stream().limit(5).toList());
        System.out.printf("StockResyncIntegrationTest: %d SKUs re-sent and shown by X-Cart %d ms after the start, %d"
                + " live Clarity orders meanwhile%n", result.sent(), (System.nanoTime() - started) / 1_000_000,
                live.size());
        Await.until("every live order in P21", Duration.ofMinutes(2), () -> missing(live).isEmpty(),
                () -> missing(live).size() + " of " + live.size() + " not in P21 yet");
    }

    /**
     * The command line as an operator types it, for three SKUs wiped again; then a resync stopped after 50 SKUs
     * resumes after the 50th.
     */
    @Test
    void shouldResyncTheSkusNamedOnTheCommandLineAndResumeAStoppedResync() throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        Await.until("X-Cart showing the bridge's levels", Duration.ofSeconds(90),
                () -> levels().size() > 100 && differences(xcart).isEmpty(),
                () -> levels().size() + " levels, " + differences(xcart).size() + " SKUs differ");
        List<ProductView> three = xcart.state().products().stream()
                .filter(p -> levels().getOrDefault(p.sku(), 0L) > 0).limit(3).toList();
        wipe(xcart, three);
        assertThat(differences(xcart)).hasSize(3);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("resync", "stock", "--store", "xcart", "--sku",
                three.stream().map(ProductView::sku).collect(Collectors.joining(",")),
                "--bootstrap-server", bridge.system().kafkaBootstrap());
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("3 of 3 SKUs sent", "re-sent 3 SKUs to xcart");
        Await.until("the three SKUs restored", Duration.ofSeconds(30), () -> differences(xcart).isEmpty(),
                () -> differences(xcart).toString());

        try (StockResync resync = StockResync.open(kafka())) {
            int[] asked = {0};
            StockResync.Result stopped = resync.run(Set.of(Storefront.XCART), Set.of(), 10_000, false, p -> { },
                    () -> ++asked[0] > 50);
            assertThat(stopped.stopped()).isTrue();
            assertThat(stopped.sent()).isEqualTo(50);
            StockResync.Result resumed = resync.run(Set.of(Storefront.XCART), Set.of(), 10_000, false, p -> { },
                    () -> false);
            assertThat(resumed.resumedAfter()).isNotNull();
            assertThat(resumed.sent()).isEqualTo(stopped.total() - 50);
            StockResync.Result again = resync.run(Set.of(Storefront.XCART), Set.of(), 10_000, false, p -> { },
                    () -> false);
            assertThat(again.resumedAfter()).as("a finished resync keeps no position").isNull();
            assertThat(again.sent()).isEqualTo(stopped.total());
        }
    }

    /** Sets every product's amount to 0 through X-Cart's own API ({@code PUT /api/products/{id}}). */
    private static void wipe(StorefrontSimulator xcart) throws Exception {
        wipe(xcart, xcart.state().products());
    }

    private static void wipe(StorefrontSimulator xcart, List<ProductView> products) throws Exception {
        for (ProductView product : products) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                            URI.create(xcart.url() + "/api/products/" + product.id()))
                    .header("X-Auth-Token", "xcart-dev-token").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"amount\":0}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        for (ProductView product : products) {
            JsonNode shown = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create(xcart.url() + "/api/products/" + product.id()))
                    .header("X-Auth-Token", "xcart-dev-token").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(shown.path("amount").asInt()).as(product.sku()).isZero();
        }
    }

    /** Each SKU whose X-Cart amount is not the bridge's current level (available, whole units, at least 0). */
    private static Map<String, String> differences(StorefrontSimulator xcart) {
        Map<String, String> differ = new TreeMap<>();
        levels().forEach((sku, level) -> xcart.product(sku).ifPresent(product -> {
            if (product.amount() != level) {
                differ.put(sku, "X-Cart " + product.amount() + ", bridge " + level);
            }
        }));
        return differ;
    }

    /** The current level of every SKU in canonical.inventory, as the storefront-sink writes it. */
    private static Map<String, Long> levels() {
        ConfluentAvroDeserializer<InventoryLevel> avro = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(bridge.system().registry().url()), InventoryLevel.class);
        Map<String, Long> levels = new TreeMap<>();
        try (StockResync reader = StockResync.open(kafka())) {
            reader.levels(Set.of()).forEach((sku, value) -> levels.put(sku, avro.deserialize("canonical.inventory",
                    value).getAvailable().setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO).longValueExact()));
        }
        return levels;
    }

    private static KafkaConfig kafka() {
        return KafkaConfig.from(new Environment(Map.of(KafkaConfig.BOOTSTRAP.name(),
                bridge.system().kafkaBootstrap())));
    }

    private static Set<String> missing(List<String> expected) {
        Set<String> inP21 = new HashSet<>();
        bridge.system().p21().orders().forEach(order -> inP21.add(order.webReferenceNo()));
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(inP21);
        return missing;
    }
}
