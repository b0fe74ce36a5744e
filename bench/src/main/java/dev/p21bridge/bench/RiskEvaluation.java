package dev.p21bridge.bench;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskReason;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.FreightForwarder;
import dev.p21bridge.simulators.storefront.RiskPattern;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import dev.p21bridge.transformer.CanonicalSerdes;
import dev.p21bridge.transformer.TransformerConfig;
import dev.p21bridge.transformer.TransformerService;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.transformer.mapping.PublishedMappings;
import dev.p21bridge.transformer.mapping.RiskRules;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Precision and recall of the bundled risk rules (docs/risk.md) on the X-Cart simulator's checkout with its risky mix
 * ({@code "risk": {"share": 0.03}}): the simulator's order webhooks are captured, written to {@code raw.xcart} as the
 * ingress writes them, run through the transformer's events application on a real broker, and each order's action on
 * {@code canonical.orders} is compared with the simulator's truth. The operator's list of freight forwarders is
 * loaded as a merchant would load the ones they know (a mapping set with {@code tables/risk-freight-forwarders.csv}).
 *
 * <p>Run: {@code java -cp bench/target/bench.jar -Dbench.orders=1000 -Dbench.riskShare=0.03
 * dev.p21bridge.bench.RiskEvaluation}; {@code -Dbench.customers} sets the pool of normal buyers (default 100,000,
 * as a store with a real customer base: the checkout places in seconds what a store sells in days, so a small pool
 * would make every repeat buyer a velocity spike); {@code -Dbench.riskRules=FILE} evaluates another
 * {@code risk/rules.json} than the bundled one, which is how an operator tries new weights before applying them.
 */
public final class RiskEvaluation {

    private record Captured(String id, String type, byte[] body) {
    }

    private RiskEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.orders", 1000);
        double share = Double.parseDouble(System.getProperty("bench.riskShare", "0.03"));
        int customers = Integer.getInteger("bench.customers", 100_000);
        long seed = Long.getLong("bench.seed", StorefrontSimulatorConfig.DEFAULT_SEED);
        System.out.println("machine: " + MachineReport.describe());

        List<Captured> captured = java.util.Collections.synchronizedList(new ArrayList<>());
        Javalin receiver = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/webhooks/xcart", ctx -> {
                captured.add(new Captured(ctx.header("X-Webhook-Id"), ctx.header("X-Webhook-Event"), ctx.bodyAsBytes()));
                ctx.status(202);
            });
        }).start("127.0.0.1", 0);
        Path simData = Files.createTempDirectory("p21-risk-sim-");
        CheckoutResult result;
        try (XCartSimulator xcart = (XCartSimulator) new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults()
                .withPort(0).withDataDir(simData).withSeed(seed)
                .withWebhookUrl(URI.create("http://127.0.0.1:" + receiver.port() + "/webhooks/xcart"))).start()) {
            result = xcart.checkoutWithReport(CheckoutRequest.of(count).withRisk(share).withCustomers(customers)
                    .withRates(0.0, 0));
        } finally {
            receiver.stop();
            ScratchBroker.deleteTree(simData);
        }
        List<Captured> orders = captured.stream().filter(c -> c.type().equals("order.created")).toList();
        System.out.printf("checkout: %d orders, %d risky (%s), %d order.created webhooks captured%n",
                result.orders().size(), result.risky().size(), result.risky().values().stream()
                        .collect(Collectors.groupingBy(RiskPattern::word, TreeMap::new, Collectors.counting())),
                orders.size());

        try (ScratchBroker broker = ScratchBroker.start();
             EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), 0).start()) {
            Map<String, String> settings = new HashMap<>(BenchSettings.fromSystemProperty());
            settings.put(KafkaConfig.SCHEMA_REGISTRY_URL.name(), registry.url());
            Path stateDir = Files.createTempDirectory("p21-risk-streams-");
            settings.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString());
            Environment environment = broker.environment(settings);
            KafkaConfig kafka = KafkaConfig.from(environment);
            try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
                new TopicInitializer(admin, kafka).createMissing(Topics.all(), Duration.ofSeconds(30));
            }
            new PublishedMappings(kafka, Clock.systemUTC()).apply(withForwarders());
            TransformerConfig config = TransformerConfig.from(environment);
            CanonicalSerdes serdes = CanonicalSerdes.confluent(new SchemaRegistryClient(registry.url()));
            try (KafkaStreams streams = new KafkaStreams(TransformerService.eventsTopology(config, serdes),
                    TransformerService.streamsProperties(config))) {
                streams.start();
                Map<String, Order> scored;
                long start = System.nanoTime();
                try (KafkaConsumer<String, byte[]> reader = EndOfTopicReader.open(kafka.bootstrapServers(),
                        Topics.CANONICAL_ORDERS.name(), new StringDeserializer(), 100)) {
                    write(kafka, orders);
                    scored = read(reader, registry.url(), orders.size(), Duration.ofMinutes(3));
                }
                System.out.printf("transformer: %d of %d orders on canonical.orders in %.1f s%n", scored.size(),
                        orders.size(), (System.nanoTime() - start) / 1e9);
                report(result, scored);
            } finally {
                ScratchBroker.deleteTree(stateDir);
            }
        }
        System.exit(0);
    }

    /** The bundled set with the simulator's three freight forwarders in the operator's list. */
    private static MappingSet withForwarders() throws java.io.IOException {
        SortedMap<String, String> files = new TreeMap<>(MappingSet.bundled().files());
        String rules = System.getProperty("bench.riskRules");
        if (rules != null) {
            files.put(RiskRules.FILE, Files.readString(Path.of(rules)));
        }
        StringBuilder csv = new StringBuilder("address,forwarder\n");
        for (FreightForwarder forwarder : FreightForwarder.ADDRESSES) {
            csv.append(forwarder.line1().toUpperCase()).append('|').append(forwarder.postalCode()).append('|')
                    .append(forwarder.country()).append(',').append(forwarder.city()).append('\n');
        }
        files.put("tables/" + RiskRules.FREIGHT_FORWARDERS + ".csv", csv.toString());
        return new MappingSet(0, null, files);
    }

    private static void write(KafkaConfig kafka, List<Captured> orders) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientProperties.durableProducer(kafka, "risk-evaluation"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (Captured order : orders) {
                String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(order.body()).path("id").asText();
                RecordHeaders headers = new RecordHeaders();
                headers.add("event-type", order.type().getBytes(StandardCharsets.UTF_8));
                headers.add("event-id", order.id().getBytes(StandardCharsets.UTF_8));
                headers.add("source", "xcart".getBytes(StandardCharsets.UTF_8));
                headers.add("received-at", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
                headers.add("store", "xcart".getBytes(StandardCharsets.UTF_8));
                // on the store's partition, as the ingress writes it
                producer.send(new ProducerRecord<>(Topics.RAW_XCART.name(),
                        StorePartition.of(producer, Topics.RAW_XCART.name(), "xcart"), id, order.body(), headers));
            }
            producer.flush();
        }
    }

    private static Map<String, Order> read(KafkaConsumer<String, byte[]> consumer, String registryUrl, int expected,
                                           Duration patience) {
        ConfluentAvroSerde<Order> serde = new ConfluentAvroSerde<>(new SchemaRegistryClient(registryUrl), Order.class);
        Map<String, Order> byId = new LinkedHashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (byId.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                Order order = serde.deserializer().deserialize(record.topic(), record.value());
                byId.put(order.getOrderId(), order);
            }
        }
        return byId;
    }

    private static void report(CheckoutResult result, Map<String, Order> scored) {
        Map<String, RiskPattern> risky = result.risky();
        int riskyHeld = 0;
        int normalHeld = 0;
        int normal = 0;
        Map<String, int[]> perPattern = new TreeMap<>();
        Map<String, Integer> falsePositiveReasons = new TreeMap<>();
        Map<String, Integer> missedReasons = new TreeMap<>();
        List<Integer> scores = new ArrayList<>();
        for (Order order : scored.values()) {
            boolean held = order.getRisk() != null && order.getRisk().getAction() != RiskAction.PASS;
            RiskPattern pattern = risky.get(order.getOrderId());
            if (pattern != null) {
                int[] counts = perPattern.computeIfAbsent(pattern.word(), k -> new int[2]);
                counts[1]++;
                if (held) {
                    riskyHeld++;
                    counts[0]++;
                } else {
                    tally(missedReasons, order);
                }
            } else {
                normal++;
                scores.add(order.getRisk() == null ? -1 : order.getRisk().getScore());
                if (held) {
                    normalHeld++;
                    tally(falsePositiveReasons, order);
                }
            }
        }
        int riskyTotal = (int) scored.keySet().stream().filter(risky::containsKey).count();
        double recall = riskyTotal == 0 ? Double.NaN : (double) riskyHeld / riskyTotal;
        double precision = riskyHeld + normalHeld == 0 ? Double.NaN : (double) riskyHeld / (riskyHeld + normalHeld);
        double normalRate = normal == 0 ? Double.NaN : (double) normalHeld / normal;
        System.out.println();
        System.out.println("| measure | value | target | met |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| recall: risky orders held or rejected | %d of %d = %.1f %% | >= 90 %% | %s |%n", riskyHeld,
                riskyTotal, recall * 100, recall >= 0.9 ? "yes" : "NO");
        System.out.printf("| normal orders held or rejected | %d of %d = %.2f %% | <= 1 %% | %s |%n", normalHeld, normal,
                normalRate * 100, normalRate <= 0.01 ? "yes" : "NO");
        System.out.printf("| precision: held orders that were risky | %.1f %% | | |%n", precision * 100);
        perPattern.forEach((pattern, counts) -> System.out.printf("| recall, %s | %d of %d | | |%n", pattern,
                counts[0], counts[1]));
        System.out.println("signals on normal orders held: " + falsePositiveReasons);
        System.out.println("signals on risky orders passed: " + missedReasons);
    }

    private static void tally(Map<String, Integer> reasons, Order order) {
        if (order.getRisk() == null) {
            reasons.merge("(unscored)", 1, Integer::sum);
            return;
        }
        for (RiskReason reason : order.getRisk().getReasons()) {
            reasons.merge(reason.getSignal(), 1, Integer::sum);
        }
    }
}
