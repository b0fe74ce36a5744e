package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskReason;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.transformer.mapping.ActiveMapping;
import dev.p21bridge.transformer.mapping.MappingSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk stage of the events application: each new order comes out on canonical.orders, keyed by its order key,
 * with its score, action and reasons; velocity counts across a store's orders; the rules come from the active
 * mapping set and switch without a restart; updates pass unscored; scoring off leaves orders without a score.
 */
class RiskTopologyTest {

    private static final Instant START = Instant.parse("2026-11-20T14:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> xcart;
    private TestInputTopic<String, byte[]> mappings;
    private TestOutputTopic<String, Order> orders;
    private Instant clock = START;
    private int events;
    private String store = "xcart";

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        start(Map.of());
    }

    private void start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", "localhost:9092",
                "BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString()));
        env.putAll(extra);
        TransformerConfig config = TransformerConfig.from(new Environment(env));
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        driver = new TopologyTestDriver(TransformerService.topology(config, CanonicalSerdes.confluent(client)),
                TransformerService.streamsProperties(config), START.minus(Duration.ofDays(1)));
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        mappings = driver.createInputTopic(Topics.MAPPINGS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        orders = driver.createOutputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().deserializer(),
                new ConfluentAvroSerde<>(client, Order.class).deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldPassAnOrdinaryOrderWithAScoreAndKeepItsKey() throws IOException {
        TestRecord<String, Order> out = place(order(1, "dana.whitfield@whitfieldmech.com", "198.51.100.7", "fp_a1", "US"));

        assertThat(out.key()).isEqualTo("xcart:1");
        assertThat(out.value().getRisk().getAction()).isEqualTo(RiskAction.PASS);
        assertThat(out.value().getRisk().getScore()).isLessThan(50);
        assertThat(out.value().getClientIp()).isEqualTo("198.51.100.7");
        assertThat(out.value().getPayment().getCardFingerprint()).isEqualTo("fp_a1");
    }

    @Test
    void shouldHoldACardTestingBurstFromItsSecondOrderWithTheReasonsInWords() throws IOException {
        TestRecord<String, Order> first = place(order(1, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_1", "US"));
        TestRecord<String, Order> second = place(order(2, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_2", "US"));
        TestRecord<String, Order> third = place(order(3, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_3", "US"));

        assertThat(first.value().getRisk().getReasons()).extracting(RiskReason::getSignal)
                .contains("disposable-email", "random-email").doesNotContain("cards-per-ip");
        assertThat(second.value().getRisk().getAction()).isEqualTo(RiskAction.HOLD);
        assertThat(third.value().getRisk().getScore()).isEqualTo(100);
        assertThat(third.value().getRisk().getReasons()).extracting(RiskReason::getSignal)
                .contains("cards-per-ip", "cards-per-email");
        assertThat(third.value().getRisk().getReasons())
                .filteredOn(reason -> reason.getSignal().equals("cards-per-ip"))
                .extracting(RiskReason::getDetail).containsExactly("3 cards from one IP in 10 min");
        // highest points first
        List<Integer> points = third.value().getRisk().getReasons().stream().map(RiskReason::getPoints).toList();
        assertThat(points).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void shouldForgetABurstOnceItsWindowHasPassed() throws IOException {
        place(order(1, "pat.lee@example.com", "203.0.113.20", "fp_1", "US"));
        clock = clock.plus(Duration.ofMinutes(11));
        TestRecord<String, Order> later = place(order(2, "pat.lee@example.com", "203.0.113.20", "fp_2", "US"));

        assertThat(later.value().getRisk().getReasons()).extracting(RiskReason::getSignal)
                .doesNotContain("cards-per-ip", "cards-per-email");
        assertThat(later.value().getRisk().getAction()).isEqualTo(RiskAction.PASS);
    }

    /**
     * The store {@code shop} has partition 0 of six, the test driver's one partition: its orders arrive on their
     * store's partition and are scored where they are normalized, without the repartition topic; {@code xcart}
     * (partition 1) reaches its scoring through it.
     */
    @Test
    void shouldScoreOrdersOnTheirStoresPartitionInPlaceAndMoveOnlyTheOthers() throws IOException {
        driver.close();
        start(Map.of("BRIDGE_STORES", "xcart:xcart,shop:xcart"));
        store = "shop";
        place(order(1, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_1", "US"));
        place(order(2, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_2", "US"));
        TestRecord<String, Order> third = place(order(3, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_3", "US"));

        assertThat(third.key()).isEqualTo("shop:3");
        assertThat(third.value().getRisk().getReasons()).filteredOn(reason -> reason.getSignal().equals("cards-per-ip"))
                .extracting(RiskReason::getDetail).containsExactly("3 cards from one IP in 10 min");
        assertThat(driver.producedTopicNames()).noneMatch(topic -> topic.contains(TransformerTopology.RISK_ORDERS_BY_STORE));

        store = "xcart";
        TestRecord<String, Order> moved = place(order(4, "pat.lee@example.com", "198.51.100.7", "fp_4", "US"));
        assertThat(moved.key()).isEqualTo("xcart:4");
        assertThat(moved.value().getRisk()).isNotNull();
        assertThat(driver.producedTopicNames()).anyMatch(topic -> topic.contains(TransformerTopology.RISK_ORDERS_BY_STORE));
        // each store's history is its own: shop's burst is not counted for xcart
        assertThat(moved.value().getRisk().getReasons()).extracting(RiskReason::getSignal)
                .doesNotContain("cards-per-ip", "cards-per-email");
    }

    @Test
    void shouldCountBuyersPerAddressAcrossOrdersAndFlagACountryMismatch() throws IOException {
        TestRecord<String, Order> last = null;
        String[] buyers = {"amelia.hart@example.co.uk", "oliver.kent@example.de", "nia.obi@example.ng"};
        for (int i = 0; i < buyers.length; i++) {
            ObjectNode order = order(10 + i, buyers[i], "192.0.2." + i, "fp_b" + i, "GB");
            shipTo(order, "8200 NW 41st St Ste 200", "33166", "US");
            last = place(order);
        }

        assertThat(last.value().getRisk().getReasons()).extracting(RiskReason::getSignal)
                .contains("buyers-per-address", "country-mismatch");
        assertThat(last.value().getRisk().getAction()).isEqualTo(RiskAction.HOLD);
    }

    @Test
    void shouldTakeNewWeightsAndListsFromTheNextOrderWithoutARestart() throws IOException {
        ObjectNode forwarded = order(1, "amelia.hart@example.com", "192.0.2.1", "fp_1", "US");
        shipTo(forwarded, "8200  NW 41st St  Ste 200", "33166", "US");
        assertThat(place(forwarded).value().getRisk().getAction()).isEqualTo(RiskAction.PASS);

        SortedMap<String, String> files = new TreeMap<>(MappingSet.bundled().files());
        files.put("risk/rules.json", files.get("risk/rules.json").replace("\"hold\": 50", "\"hold\": 30"));
        files.put("tables/risk-freight-forwarders.csv", "address,forwarder\n8200 NW 41ST ST STE 200|33166|US,Doral\n");
        mappings.pipeInput(ActiveMapping.setKey(1), new MappingSet(1, START, files).toJson());
        mappings.pipeInput(ActiveMapping.KEY, ActiveMapping.bundled().activate(1).toJson());

        ObjectNode again = order(2, "oliver.kent@example.com", "192.0.2.2", "fp_2", "US");
        shipTo(again, "8200 NW 41st St Ste 200", "33166", "US");
        Order held = place(again).value();
        assertThat(held.getRisk().getReasons()).extracting(RiskReason::getSignal).contains("freight-forwarder");
        assertThat(held.getRisk().getAction()).isEqualTo(RiskAction.HOLD);
        assertThat(held.getRisk().getRulesVersion()).isEqualTo("1");
    }

    @Test
    void shouldRejectABlockedEmailWhateverItsScore() throws IOException {
        SortedMap<String, String> files = new TreeMap<>(MappingSet.bundled().files());
        files.put("tables/risk-blocked-emails.csv", "email,note\n@badactor.example,chargebacks\n");
        mappings.pipeInput(ActiveMapping.setKey(1), new MappingSet(1, START, files).toJson());
        mappings.pipeInput(ActiveMapping.KEY, ActiveMapping.bundled().activate(1).toJson());

        Order order = place(order(1, "sam.doe@badactor.example", "192.0.2.9", "fp_9", "US")).value();

        assertThat(order.getRisk().getAction()).isEqualTo(RiskAction.REJECT);
        assertThat(order.getRisk().getReasons().get(0).getSignal()).isEqualTo("blocked-email");
    }

    @Test
    void shouldHoldAFirstOrderFarAboveTheStoresUsualValue() throws IOException {
        for (int i = 0; i < 60; i++) {
            place(order(100 + i, "buyer" + i + "@example.com", "192.0.2." + (i % 250), "fp_n" + i, "US"));
            clock = clock.plus(Duration.ofMinutes(3));
        }
        ObjectNode big = order(500, "new.buyer@example.com", "198.51.100.50", "fp_big", "US");
        ObjectNode line = (ObjectNode) big.withArray("items").get(0);
        java.math.BigDecimal more = line.get("price").decimalValue()
                .multiply(java.math.BigDecimal.valueOf(400 - line.get("amount").asInt()));
        line.put("amount", 400);
        big.put("sub_total", big.get("sub_total").decimalValue().add(more))
                .put("total", big.get("total").decimalValue().add(more));
        shipTo(big, "10 Downing St", "SW1A 2AA", "GB");

        Order order = place(big).value();

        assertThat(order.getRisk().getReasons()).extracting(RiskReason::getSignal)
                .contains("high-value-first-order", "country-mismatch");
        assertThat(order.getRisk().getAction()).isEqualTo(RiskAction.HOLD);
    }

    /**
     * The velocity and buyer counts live in memory; what goes to Kafka is one logged sighting per new order, kept as
     * long as the buyer history (30 days by default) and then deleted.
     */
    @Test
    void shouldLogOneSightingPerNewOrderAndForgetItAfterTheHistory() throws IOException {
        place(order(1, "pat.lee@example.com", "203.0.113.20", "fp_1", "US"));
        place(order(2, "ann.fox@example.com", "203.0.113.21", "fp_2", "US"));
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> log =
                driver.getKeyValueStore(dev.p21bridge.transformer.risk.RiskProcessor.SIGHTINGS_LOG);
        assertThat(count(log)).isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofDays(20));
        assertThat(count(log)).as("within the history").isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofDays(12));
        assertThat(count(log)).isZero();
    }

    private static int count(org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store) {
        int count = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    @Test
    void shouldLeaveUpdatesUnscored() throws IOException {
        place(order(1, "dana.whitfield@whitfieldmech.com", "198.51.100.7", "fp_a1", "US"));
        ObjectNode update = order(1, "dana.whitfield@whitfieldmech.com", "198.51.100.7", "fp_a1", "US");
        xcart.pipeInput(new TestRecord<>("1", JSON.writeValueAsBytes(update), headers("order.updated"), clock));

        TestRecord<String, Order> out = orders.readRecord();
        assertThat(out.key()).isEqualTo("xcart:1");
        assertThat(out.value().getRisk()).isNull();
    }

    @Test
    void shouldWriteNoScoreWithScoringOff() throws IOException {
        driver.close();
        start(Map.of("BRIDGE_RISK_SCORING", "off"));

        Order order = place(order(1, "x7kq2vz9p@mailinator.com", "203.0.113.9", "fp_1", "US")).value();

        assertThat(order.getRisk()).isNull();
    }

    private TestRecord<String, Order> place(ObjectNode order) throws IOException {
        xcart.pipeInput(new TestRecord<>(order.get("id").asText(), JSON.writeValueAsBytes(order), headers("order.created"),
                clock));
        clock = clock.plusSeconds(5);
        return orders.readRecord();
    }

    private RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", ("evt-" + ++events).getBytes(StandardCharsets.UTF_8));
        headers.add("source", "xcart".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(clock.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        headers.add("store", store.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The sample X-Cart order as order {@code id} of {@code email}, from {@code ip} with card {@code card}. */
    static ObjectNode order(int id, String email, String ip, String card, String billingCountry)
            throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(TransformerTopologyTest.sample("xcart/order.created.json"));
        order.put("id", id).put("order_number", String.valueOf(id)).put("email", email).put("ip_address", ip);
        String[] name = email.substring(0, email.indexOf('@')).split("\\.");
        ((ObjectNode) order.get("billing_address")).put("country", billingCountry)
                .put("firstname", capitalized(name[0])).put("lastname", capitalized(name.length > 1 ? name[1] : "X"));
        ((ObjectNode) order.withArray("payment_transactions").get(0)).put("card_fingerprint", card);
        if (!billingCountry.equals("US")) {
            ((ObjectNode) order.get("billing_address")).put("state", (String) null);
        }
        return order;
    }

    private static void shipTo(ObjectNode order, String street, String zip, String country) {
        ((ObjectNode) order.get("shipping_address")).put("street", street).put("zipcode", zip).put("country", country)
                .put("state", country.equals("US") ? "FL" : null);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
