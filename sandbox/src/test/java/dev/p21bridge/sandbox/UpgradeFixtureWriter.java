package dev.p21bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes the upgrade fixture of the version it runs on (docs/upgrading.md): an installation of today with the default
 * stores {@code xcart} and {@code clarity} and no settings, used a little, stopped cleanly, and packed with what the
 * test needs to know about it ({@link UpgradeFixture}). Run from the repository root, after a test compile:
 * <pre>
 * java -cp sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/test-classpath.txt) \
 *     dev.p21bridge.sandbox.UpgradeFixtureWriter &lt;version&gt;
 * </pre>
 * It writes {@code sandbox/src/test/resources/upgrade/<version>/}, replacing what is there. As
 * {@link BridgeRestartIntegrationTest} does, P21 (its simulator) runs outside the bridge, as a real one would, and
 * keeps its own data directory.
 */
public final class UpgradeFixtureWriter {

    private static final int ORDERS_PER_STORE = 12;
    private static final int AUTHORIZED_PER_STORE = 2;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> SETTLED_TOPICS = List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
            Topics.RAW_P21.name(), Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_CUSTOMERS.name(),
            Topics.CANONICAL_PAYMENTS.name(), Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
            Topics.CANONICAL_SHIPMENTS.name(), Topics.CANONICAL_ORDER_STATUS.name());
    /** The topics whose end offsets the test compares with: the ones an order's way into P21 writes. */
    static final List<String> RECORDED_TOPICS = List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
            Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_ORDER_CONFIRMATIONS.name());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String version;
    private final Path output;
    private final Path work;

    private UpgradeFixtureWriter(String version, Path output, Path work) {
        this.version = version;
        this.output = output;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("[0-9a-zA-Z._-]+")) {
            System.err.println("usage: UpgradeFixtureWriter <version>   (e.g. the short commit: 56ba369)");
            System.exit(2);
        }
        Path output = Path.of("sandbox/src/test/resources/upgrade", args[0]);
        if (!Files.isDirectory(Path.of("sandbox/src/test"))) {
            System.err.println("run it from the repository root (no sandbox/src/test here)");
            System.exit(2);
        }
        Path work = Path.of("sandbox/target/upgrade-fixture-work");
        deleteRecursively(work);
        Files.createDirectories(work);
        new UpgradeFixtureWriter(args[0], output, work).write();
        System.exit(0);
    }

    private void write() throws Exception {
        Path bridgeDir = work.resolve(UpgradeFixture.BRIDGE_DIR);
        Path p21Dir = work.resolve(UpgradeFixture.P21_DIR);
        UpgradeFixture.Facts facts;
        List<UpgradeFixture.Webhook> webhooks;
        String p21Orders;
        String p21Customers;
        try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0).withDataDir(p21Dir))
                .start()) {
            BridgeSystem bridge = new BridgeSystem(SystemOptions.randomPorts(bridgeDir).withExternalP21(p21.url()),
                    Map.of()).start();
            try {
                Map<String, UpgradeFixture.StoreFacts> stores = new LinkedHashMap<>();
                stores.put("xcart", use(p21, "xcart", bridge.xcart(), "S"));
                stores.put("clarity", use(p21, "clarity", bridge.clarity(), "Shipped"));
                try (UpgradeKafkaView kafka = new UpgradeKafkaView(bridge.kafkaBootstrap())) {
                    Await.until("every group has taken in every record", WAIT,
                            () -> kafka.notTakenIn(SETTLED_TOPICS).isEmpty(),
                            () -> "not taken in: " + kafka.notTakenIn(SETTLED_TOPICS));
                    Map<String, List<Long>> ends = new LinkedHashMap<>();
                    RECORDED_TOPICS.forEach(topic -> ends.put(topic, kafka.endOffsets(topic)));
                    webhooks = orderWebhooks(kafka);
                    facts = new UpgradeFixture.Facts(version, gitCommit(), Instant.now().toString(), stores, ends);
                }
            } finally {
                bridge.close();
            }
            p21Orders = get(p21.url() + "/sim/orders");
            p21Customers = get(p21.url() + "/sim/customers");
        }
        Files.createDirectories(output);
        UpgradeFixture.JSON.writeValue(output.resolve(UpgradeFixture.FACTS).toFile(), facts);
        UpgradeFixture.JSON.writeValue(output.resolve(UpgradeFixture.WEBHOOKS).toFile(), webhooks);
        Files.writeString(output.resolve(UpgradeFixture.P21_ORDERS),
                UpgradeFixture.JSON.writeValueAsString(UpgradeFixture.JSON.readTree(p21Orders)));
        Files.writeString(output.resolve(UpgradeFixture.P21_CUSTOMERS),
                UpgradeFixture.JSON.writeValueAsString(UpgradeFixture.JSON.readTree(p21Customers)));
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put(UpgradeFixture.BRIDGE_DIR, bridgeDir);
        dirs.put(UpgradeFixture.P21_DIR, p21Dir);
        UpgradeFixture.pack(dirs, UpgradeFixtureWriter::regenerated, output.resolve(UpgradeFixture.DATA));
        Files.writeString(output.resolve("README.md"), readme(facts, webhooks.size(),
                Files.size(output.resolve(UpgradeFixture.DATA))));
        System.out.println("upgrade fixture of " + version + " written to " + output + " ("
                + Files.size(output.resolve(UpgradeFixture.DATA)) / 1024 + " KiB of data)");
    }

    private static String readme(UpgradeFixture.Facts facts, int webhooks, long dataBytes) {
        StringBuilder text = new StringBuilder();
        text.append("# Upgrade fixture of ").append(facts.version()).append("\n\n");
        text.append("Data an installation of ").append(facts.version()).append(" left behind, for")
                .append(" `UpgradeIntegrationTest` (see docs/upgrading.md). Written on ").append(facts.writtenAt())
                .append(" at commit ").append(facts.commit()).append(", from the repository root, by\n\n```bash\n")
                .append("mvn -B -q -o -pl sandbox -am test-compile dependency:build-classpath \\\n")
                .append("    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test\n")
                .append("java -cp sandbox/target/test-classes:sandbox/target/classes:")
                .append("$(cat sandbox/target/test-classpath.txt) \\\n")
                .append("    dev.p21bridge.sandbox.UpgradeFixtureWriter ").append(facts.version()).append("\n```\n\n");
        text.append("`./bridge up`'s `BridgeSystem` with no settings (default stores `xcart` and `clarity`) on a fresh")
                .append(" data directory, P21's simulator outside it with its own. Per store:\n\n");
        text.append("| store | orders | cancelled | captured later | shipped in P21 | left open for the test |\n");
        text.append("|---|---|---|---|---|---|\n");
        facts.stores().forEach((store, s) -> text.append("| ").append(store).append(" | ").append(s.orders().size())
                .append(" | ").append(s.cancelled()).append(" | ").append(s.captured()).append(" | ")
                .append(s.shippedWithTracking().keySet()).append(" | update ").append(s.toUpdate().orderId())
                .append(", cancel ").append(s.toCancel()).append(", ship ").append(s.toShip()).append(" |\n"));
        text.append("\nand one customer signed up in each store. The bridge was stopped once every consumer group had")
                .append(" taken in every record.\n\n");
        text.append("| file | what |\n|---|---|\n");
        text.append("| `").append(UpgradeFixture.DATA).append("` | ").append(dataBytes / 1024).append(" KiB: `bridge/`")
                .append(" (the data directory: Kafka's log, the storefront simulators' state, the admin token; not")
                .append(" `streams/`, which the services rebuild from their changelogs) and `p21/` (the P21")
                .append(" simulator's saved database) |\n");
        text.append("| `").append(UpgradeFixture.FACTS).append("` | the orders per store, their roles, and the end")
                .append(" offsets of ").append(RECORDED_TOPICS).append(" at the stop |\n");
        text.append("| `").append(UpgradeFixture.WEBHOOKS).append("` | the ").append(webhooks)
                .append(" order webhooks the stores sent (event id, type, body), to deliver again |\n");
        text.append("| `").append(UpgradeFixture.P21_ORDERS).append("`, `").append(UpgradeFixture.P21_CUSTOMERS)
                .append("` | P21's `GET /sim/orders` and `GET /sim/customers` at the stop |\n");
        return text.toString();
    }

    /**
     * One store used as a merchant would: orders paid at checkout, card orders only authorized and one of them
     * captured later, a customer signed up, an order cancelled, two shipped in P21 with their tracking numbers shown
     * back in the store; three open orders are left for the test to update, cancel and ship.
     */
    private static UpgradeFixture.StoreFacts use(P21Simulator p21, String store, StorefrontSimulator storefront,
                                                 String shippedStatus) {
        String base = storefront.url().toString();
        List<String> orders = new ArrayList<>(storefront.checkout(
                new CheckoutRequest(ORDERS_PER_STORE, 0.0, 0, 1, 3, null, null, 250)));
        List<String> authorized = storefront.checkout(new CheckoutRequest(AUTHORIZED_PER_STORE, 0.0, 0, 1, 3, null,
                null, 250, CheckoutRequest.Capture.NONE));
        orders.addAll(authorized);
        String email = "upgrade-" + store + "@example.com";
        post(base + "/sim/customers", "{\"email\":\"" + email + "\",\"first_name\":\"Ada\",\"last_name\":\"Upgrade\","
                + "\"phone\":\"555-0100\",\"address\":{\"line1\":\"1 Main St\",\"city\":\"Springfield\","
                + "\"state\":\"IL\",\"zip\":\"62701\"}}", 201, 200);
        Await.until(store + " orders in P21", WAIT, () -> p21Orders(p21, store).keySet().containsAll(orders),
                () -> "in P21: " + p21Orders(p21, store).size() + " of " + orders.size());

        String captured = authorized.get(0);
        post(base + "/sim/orders/" + captured + "/capture", "{}", 200);
        String cancelled = orders.get(0);
        post(base + "/sim/orders/" + cancelled + "/cancel", "{}", 200);
        Map<String, String> shipped = new LinkedHashMap<>();
        for (String id : List.of(orders.get(1), orders.get(2))) {
            String tracking = "1ZUPGRADE" + store.toUpperCase() + id;
            post(p21.url() + "/sim/shipments", "{\"order_no\":\"" + p21Orders(p21, store).get(id).path("order_no")
                    .asText() + "\",\"carrier_id\":\"UPS\",\"tracking_no\":\"" + tracking + "\"}", 201);
            shipped.put(id, tracking);
        }
        Await.until(store + " cancellation, capture, shipments and sign-up done", WAIT, () ->
                        p21Orders(p21, store).get(cancelled).path("status").asText().equals("cancelled")
                                && p21Payments(p21).contains(store + ":" + captured)
                                && p21Emails(p21).contains(email)
                                && shipped.entrySet().stream().allMatch(s -> shownShipped(storefront, s.getKey(),
                                shippedStatus, s.getValue())),
                () -> "P21 status of " + cancelled + ": " + p21Orders(p21, store).get(cancelled).path("status")
                        + ", payments " + p21Payments(p21) + ", shipped shown " + shipped.keySet().stream()
                        .filter(id -> shownShipped(storefront, id, shippedStatus, shipped.get(id))).toList());

        List<String> open = new ArrayList<>();
        Map<String, JsonNode> inP21 = p21Orders(p21, store);
        for (String id : orders.subList(3, ORDERS_PER_STORE)) {
            if (inP21.get(id).path("status").asText().equals("open")) {
                open.add(id);
            }
        }
        if (open.size() < 3) {
            throw new IllegalStateException(store + " has only " + open.size() + " open orders left: " + inP21);
        }
        OrderLine line = storefront.state().order(open.get(0)).orElseThrow().lines().get(0);
        return new UpgradeFixture.StoreFacts(orders, List.of(cancelled), List.of(captured), shipped,
                new UpgradeFixture.LineToChange(open.get(0), line.sku(), line.quantity()), open.get(1), open.get(2));
    }

    /** Every order webhook the storefronts sent, as the ingress wrote it to the raw topics. */
    private static List<UpgradeFixture.Webhook> orderWebhooks(UpgradeKafkaView kafka) {
        List<UpgradeFixture.Webhook> webhooks = new ArrayList<>();
        Map<String, String> stores = Map.of(Topics.RAW_XCART.name(), "xcart", Topics.RAW_CLARITY.name(), "clarity");
        for (Map.Entry<String, String> topic : stores.entrySet()) {
            List<Long> beginning = kafka.endOffsets(topic.getKey()).stream().map(end -> 0L).toList();
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : kafka.readFrom(topic.getKey(), beginning)) {
                String type = header(record, "event-type");
                String id = header(record, "event-id");
                if (type.startsWith("order.") && seen.add(id)) {
                    webhooks.add(new UpgradeFixture.Webhook(topic.getValue(), id, type,
                            new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        webhooks.sort(Comparator.comparing(UpgradeFixture.Webhook::store)
                .thenComparing(UpgradeFixture.Webhook::eventId));
        return webhooks;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The Streams state (rebuilt from its changelogs at start) and Kafka's lock files stay out of the archive. */
    private static boolean regenerated(Path relative) {
        return relative.startsWith("streams") || relative.getFileName().toString().equals(".lock");
    }

    private static boolean shownShipped(StorefrontSimulator storefront, String id, String status, String tracking) {
        return storefront.order(id).filter(o -> o.status().equals(status) && o.trackingNumbers().contains(tracking))
                .isPresent();
    }

    /** P21's orders of one store by storefront order id, as {@code GET /sim/orders} answers them. */
    static Map<String, JsonNode> p21Orders(P21Simulator p21, String store) {
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        for (JsonNode order : json(get(p21.url() + "/sim/orders"))) {
            String key = order.path("web_reference_no").asText();
            if (key.startsWith(store + ":")) {
                orders.put(key.substring(store.length() + 1), order);
            }
        }
        return orders;
    }

    private static Set<String> p21Payments(P21Simulator p21) {
        Set<String> keys = new HashSet<>();
        json(get(p21.url() + "/sim/payments")).forEach(p -> keys.add(p.path("web_reference_no").asText()));
        return keys;
    }

    private static Set<String> p21Emails(P21Simulator p21) {
        Set<String> emails = new HashSet<>();
        json(get(p21.url() + "/sim/customers")).forEach(c -> emails.add(c.path("email_address").asText()));
        return emails;
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static JsonNode json(String text) {
        try {
            return UpgradeFixture.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs JSON and fails unless the answer is one of {@code expected}. */
    static String post(String url, String body, int... expected) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body();
                }
            }
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
