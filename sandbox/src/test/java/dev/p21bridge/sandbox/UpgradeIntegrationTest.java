package dev.p21bridge.sandbox;

import static dev.p21bridge.sandbox.UpgradeFixtureWriter.get;
import static dev.p21bridge.sandbox.UpgradeFixtureWriter.json;
import static dev.p21bridge.sandbox.UpgradeFixtureWriter.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.orders.FirstCreate;
import dev.p21bridge.platform.topics.StorePartition;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.testing.Await;
import dev.p21bridge.transformer.TransformerConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An installation of a released version (default stores {@code xcart} and {@code clarity}, no settings) upgraded to
 * this one: the bridge started with the default settings on the data the released version wrote
 * ({@link UpgradeFixture}, docs/upgrading.md), against P21 as that version left it. Order keys, topics, webhook routes
 * and settings stay what they were, so the orders of before stay one P21 order each, redelivered webhooks create
 * nothing, changes of old orders change their P21 order, shipments of old orders reach their store, new orders of
 * both stores get the same kind of key, and the services resume where they stopped instead of processing again.
 *
 * <p>Only the contract is used (topics, keys, webhook routes, the simulators' {@code /sim} routes) and what
 * {@link BridgeSystem} offers, so the test keeps holding after internals are renamed. A fixture ages: the dedup
 * windows of the transformer (7 days for event ids by default) may have forgotten the old webhooks by the time it
 * runs, so past them redeliveries are judged where exactly once is promised, in P21.
 */
@Tag("integration")
class UpgradeIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeIntegrationTest.class);
    private static final List<String> STORES = List.of("xcart", "clarity");
    private static final Map<String, String> SECRETS = Map.of("xcart", BridgeSystem.XCART_DEV_SECRET,
            "clarity", BridgeSystem.CLARITY_DEV_SECRET);
    private static final Map<String, String> SHIPPED = Map.of("xcart", "S", "clarity", "Shipped");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NEW_ORDERS_PER_ROUND = 10;
    private static final int MAX_ROUNDS = 6;
    private static final List<String> ORDER_FLOW = List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
            Topics.CANONICAL_ORDERS.name());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "from {0}")
    @ValueSource(strings = {"56ba369"})
    void shouldKeepEveryOrderKeyTopicAndOffsetOfTheReleasedVersion(String version) throws Exception {
        UpgradeFixture.Facts facts = UpgradeFixture.facts(version);
        UpgradeFixture.unpack(version, dir);
        int[] ports = BridgeUpIntegrationTest.freePorts(7);
        try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)
                .withDataDir(dir.resolve(UpgradeFixture.P21_DIR))).start()) {
            Map<String, JsonNode> before = p21Orders(p21);
            assertThat(before.keySet()).as("P21 as the fixture left it").containsExactlyInAnyOrderElementsOf(
                    oldKeys(facts));
            SystemOptions options = new SystemOptions(dir.resolve(UpgradeFixture.BRIDGE_DIR), ListenAddress.LOOPBACK,
                    ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], false, null, p21.url(),
                    SystemOptions.DEFAULT_SIMULATOR_ORDERS_KEPT);
            try (BridgeSystem bridge = new BridgeSystem(options, Map.of()).start();
                 UpgradeKafkaView kafka = new UpgradeKafkaView(bridge.kafkaBootstrap())) {
                LOG.info("upgrade from {}: started on its data; new orders next", version);
                Set<String> newKeys = placeNewOrdersIntoEveryPartition(bridge, p21, kafka, facts);
                assertNothingProcessedAgain(kafka, facts, newKeys);

                LOG.info("upgrade from {}: {} new orders in P21, nothing processed again; redeliveries next", version,
                        newKeys.size());
                List<Long> ordersBeforeRedelivery = kafka.endOffsets(Topics.CANONICAL_ORDERS.name());
                redeliverOldOrderWebhooks(bridge, version);
                Await.until("the redelivered webhooks taken in", WAIT, () -> kafka.notTakenIn(ORDER_FLOW).isEmpty(),
                        () -> "not taken in: " + kafka.notTakenIn(ORDER_FLOW));
                assertDroppedAsDuplicatesWhileRemembered(kafka, facts, ordersBeforeRedelivery);
                assertEachKeyOnceInP21(p21, oldKeys(facts), newKeys);
                assertThat(p21Orders(p21)).as("P21 after the redeliveries").allSatisfy((key, order) -> {
                    if (before.containsKey(key)) {
                        assertThat(order.path("status").asText()).as("status of %s", key)
                                .isEqualTo(before.get(key).path("status").asText());
                    }
                });

                LOG.info("upgrade from {}: redeliveries created nothing; old orders changed next", version);
                for (String store : STORES) {
                    changeOldOrders(bridge, p21, store, facts.store(store));
                }
                assertEachKeyOnceInP21(p21, oldKeys(facts), newKeys);
            }
        }
    }

    /**
     * New orders in both stores, in rounds until each partition of the raw topics and of canonical.orders has
     * received a record: something new then sits behind the old records of every partition, so once the orders are
     * in P21, confirmed, and every group has taken in everything, each service has passed over all it would have
     * processed again, had it not resumed from its committed offsets.
     */
    private static Set<String> placeNewOrdersIntoEveryPartition(BridgeSystem bridge, P21Simulator p21,
                                                                UpgradeKafkaView kafka, UpgradeFixture.Facts facts) {
        Set<String> newKeys = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS && !everyPartitionGrew(kafka, facts); round++) {
            for (String store : STORES) {
                String answer = post(storefront(bridge, store) + "/sim/checkout",
                        "{\"count\":" + NEW_ORDERS_PER_ROUND + ",\"redeliveryRate\":0,\"lines\":{\"min\":1,\"max\":3}}",
                        200);
                json(answer).path("orders").forEach(id -> newKeys.add(store + ":" + id.asText()));
            }
            LOG.info("upgrade test: round {} placed, {} new orders", round + 1, newKeys.size());
            Await.until("the new orders in P21", WAIT, () -> p21Orders(p21).keySet().containsAll(newKeys),
                    () -> "missing in P21: " + missing(newKeys, p21Orders(p21).keySet()));
        }
        assertThat(everyPartitionGrew(kafka, facts)).as("every partition of %s received a new order after %d rounds",
                ORDER_FLOW, MAX_ROUNDS).isTrue();
        assertThat(newKeys).allMatch(key -> key.matches("(xcart|clarity):[^:]+"));
        String confirmations = Topics.CANONICAL_ORDER_CONFIRMATIONS.name();
        Await.until("the new orders confirmed", WAIT, () -> keysAfter(kafka, facts, confirmations).containsAll(newKeys),
                () -> "not confirmed: " + missing(newKeys, keysAfter(kafka, facts, confirmations)));
        LOG.info("upgrade test: new orders confirmed");
        Await.until("the order flow taken in", WAIT, () -> kafka.notTakenIn(ORDER_FLOW).isEmpty(),
                () -> "not taken in: " + kafka.notTakenIn(ORDER_FLOW));
        return newKeys;
    }

    /**
     * Resumed, not replayed: what the transformer wrote to canonical.orders and the p21-sink to
     * canonical.order-confirmations since the fixture's stop is about the new orders alone.
     */
    private static void assertNothingProcessedAgain(UpgradeKafkaView kafka, UpgradeFixture.Facts facts,
                                                    Set<String> newKeys) {
        for (String topic : List.of(Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_ORDER_CONFIRMATIONS.name())) {
            assertThat(keysAfter(kafka, facts, topic)).as("keys written to %s since the released version stopped",
                    topic).containsExactlyInAnyOrderElementsOf(newKeys);
        }
        List<ConsumerRecord<String, byte[]>> orders = kafka.readFrom(Topics.CANONICAL_ORDERS.name(),
                facts.endOffsets().get(Topics.CANONICAL_ORDERS.name()));
        assertThat(orders).as("canonical.orders records since the stop: one per new order").hasSize(newKeys.size());
    }

    /**
     * While the fixture is younger than the default event dedup window, the transformer still remembers the old
     * event ids and order keys it stored. Since this version writes a store's raw records to the store's own
     * partition, a redelivered webhook reaches the task of that partition, which remembers only the keys of its own
     * old partition: those are dropped, and a new order task's memory began at the upgrade, so the others pass
     * without the first-create header, for the p21-sink to look up (P21 judges them next). A version that vouched
     * for them would create them twice.
     */
    private static void assertDroppedAsDuplicatesWhileRemembered(UpgradeKafkaView kafka, UpgradeFixture.Facts facts,
                                                                 List<Long> before) {
        Duration age = Duration.between(Instant.parse(facts.writtenAt()), Instant.now());
        Duration window = TransformerConfig.EVENT_DEDUP.defaultValue();
        List<ConsumerRecord<String, byte[]>> passed = kafka.readFrom(Topics.CANONICAL_ORDERS.name(), before);
        assertThat(passed).as("redelivered old orders vouched for as first creates")
                .noneMatch(record -> FirstCreate.isMarked(record.headers()));
        if (age.compareTo(window.minusHours(1)) < 0) {
            int partitions = facts.endOffsets().get(Topics.RAW_XCART.name()).size();
            assertThat(passed).as("canonical.orders records of redelivered webhooks remembered where they arrive"
                            + " (fixture %s old)", age).extracting(ConsumerRecord::key)
                    .noneMatch(key -> rememberedOnStorePartition(key, partitions));
        } else {
            LOG.info("upgrade test: the fixture is {} old, past the {} dedup window; {} redelivered orders passed the"
                    + " transformer, judged in P21", age, window, passed.size());
        }
    }

    /**
     * Whether the released version put the order's raw records on its store's partition too (it partitioned by
     * order id), so the task that reads the redelivery remembers the key.
     */
    private static boolean rememberedOnStorePartition(String orderKey, int partitions) {
        String store = orderKey.substring(0, orderKey.indexOf(':'));
        String orderId = orderKey.substring(orderKey.indexOf(':') + 1);
        return StorePartition.of(orderId, partitions) == StorePartition.of(store, partitions);
    }

    /** Every order webhook of before, delivered again with its own event id, signed now as a store would. */
    private static void redeliverOldOrderWebhooks(BridgeSystem bridge, String version) throws Exception {
        List<UpgradeFixture.Webhook> webhooks = UpgradeFixture.webhooks(version);
        assertThat(webhooks).as("order webhooks in the fixture").isNotEmpty();
        for (UpgradeFixture.Webhook webhook : webhooks) {
            byte[] body = webhook.body().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + bridge.ingress().port() + "/webhooks/" + webhook.store()))
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Id", webhook.eventId())
                    .header("X-Webhook-Event", webhook.eventType())
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(),
                            SECRETS.get(webhook.store())))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("redelivery of %s: %s", webhook.eventId(), response.body())
                    .isEqualTo(202);
        }
    }

    /**
     * An old order's quantity changed and another cancelled in the store change their P21 orders; a third shipped in
     * P21 shows shipped with its tracking number in the store.
     */
    private static void changeOldOrders(BridgeSystem bridge, P21Simulator p21, String store,
                                        UpgradeFixture.StoreFacts facts) {
        String base = storefront(bridge, store);
        UpgradeFixture.LineToChange line = facts.toUpdate();
        int quantity = line.quantity() + 2;
        post(base + "/sim/orders/" + line.orderId() + "/update",
                "{\"lines\":[{\"sku\":\"" + line.sku() + "\",\"qty\":" + quantity + "}]}", 200);
        post(base + "/sim/orders/" + facts.toCancel() + "/cancel", "{}", 200);
        String tracking = "1ZUPGRADED" + store.toUpperCase() + facts.toShip();
        String orderNo = p21Orders(p21).get(store + ":" + facts.toShip()).path("order_no").asText();
        post(p21.url() + "/sim/shipments", "{\"order_no\":\"" + orderNo + "\",\"carrier_id\":\"UPS\","
                + "\"tracking_no\":\"" + tracking + "\"}", 201);

        String updated = store + ":" + line.orderId();
        String cancelled = store + ":" + facts.toCancel();
        Await.until(store + ": the old orders changed in P21 and the shipment shown in the store", WAIT, () -> {
            Map<String, JsonNode> orders = p21Orders(p21);
            return firstLineQuantity(orders.get(updated)) == quantity
                    && orders.get(cancelled).path("status").asText().equals("cancelled")
                    && shownShipped(base, facts.toShip(), SHIPPED.get(store), tracking);
        }, () -> {
            Map<String, JsonNode> orders = p21Orders(p21);
            return updated + " line 1 quantity " + firstLineQuantity(orders.get(updated)) + " (want " + quantity
                    + "), " + cancelled + " " + orders.get(cancelled).path("status") + ", " + facts.toShip()
                    + " in the store " + get(base + "/sim/orders/" + facts.toShip());
        });
    }

    /** Every key of before and every new one is exactly one P21 order, and P21 holds no other. */
    private static void assertEachKeyOnceInP21(P21Simulator p21, Set<String> oldKeys, Set<String> newKeys) {
        Map<String, Long> perKey = new TreeMap<>();
        json(get(p21.url() + "/sim/orders")).forEach(order ->
                perKey.merge(order.path("web_reference_no").asText(), 1L, Long::sum));
        Set<String> expected = new HashSet<>(oldKeys);
        expected.addAll(newKeys);
        assertThat(perKey.keySet()).as("P21's orders by web_reference_no")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perKey).as("P21 orders per web_reference_no").allSatisfy((key, count) ->
                assertThat(count).as("P21 orders of %s", key).isEqualTo(1L));
    }

    /**
     * Every partition of canonical.orders, and each store's own partition of its raw topic (where this version writes
     * all of a store's records; the released one spread them by order id), has grown.
     */
    private static boolean everyPartitionGrew(UpgradeKafkaView kafka, UpgradeFixture.Facts facts) {
        for (String topic : ORDER_FLOW) {
            List<Long> was = facts.endOffsets().get(topic);
            List<Long> now = kafka.endOffsets(topic);
            for (int p = 0; p < was.size(); p++) {
                if (written(topic, p, was.size()) && now.get(p) <= was.get(p)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether this version writes new orders to partition {@code p} of {@code topic}. */
    private static boolean written(String topic, int p, int partitions) {
        if (topic.equals(Topics.RAW_XCART.name())) {
            return p == StorePartition.of("xcart", partitions);
        }
        if (topic.equals(Topics.RAW_CLARITY.name())) {
            return p == StorePartition.of("clarity", partitions);
        }
        return true;
    }

    private static Set<String> keysAfter(UpgradeKafkaView kafka, UpgradeFixture.Facts facts, String topic) {
        return kafka.readFrom(topic, facts.endOffsets().get(topic)).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet());
    }

    private static Set<String> oldKeys(UpgradeFixture.Facts facts) {
        Set<String> keys = new HashSet<>();
        facts.stores().forEach((store, orders) -> orders.orders().forEach(id -> keys.add(store + ":" + id)));
        return keys;
    }

    /** P21's orders by web_reference_no, as {@code GET /sim/orders} answers them. */
    private static Map<String, JsonNode> p21Orders(P21Simulator p21) {
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        json(get(p21.url() + "/sim/orders")).forEach(o -> orders.put(o.path("web_reference_no").asText(), o));
        return orders;
    }

    private static int firstLineQuantity(JsonNode order) {
        for (JsonNode line : order.path("lines")) {
            if (line.path("line_no").asText().equals("1")) {
                return new BigDecimal(line.path("qty_ordered").asText()).intValueExact();
            }
        }
        return -1;
    }

    private static boolean shownShipped(String storefront, String id, String status, String tracking) {
        JsonNode order = json(get(storefront + "/sim/orders/" + id));
        List<String> numbers = new ArrayList<>();
        order.path("tracking_numbers").forEach(n -> numbers.add(n.asText()));
        return order.path("status").asText().equals(status) && numbers.contains(tracking);
    }

    private static String storefront(BridgeSystem bridge, String store) {
        return (store.equals("xcart") ? bridge.xcart().url() : bridge.clarity().url()).toString();
    }

    private static List<String> missing(Set<String> wanted, Set<String> present) {
        return wanted.stream().filter(key -> !present.contains(key)).sorted().limit(10).toList();
    }
}
