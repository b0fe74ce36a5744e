package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import dev.p21bridge.simulators.storefront.CallLog;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderView;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.storefront.StorefrontSinkService;
import dev.p21bridge.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge ({@code ./bridge up}'s {@link BridgeSystem}: broker, poller, transformer, sinks and both storefront
 * simulators) stopped while P21's shipments are on their way to the storefronts and started again on the same data
 * directory and ports: every order ends shipped with exactly its tracking number, and no storefront received a
 * state-changing call twice for one order. P21 lives in this JVM outside the restarted system, as a real one would,
 * and keeps shipping while the bridge stops and starts again.
 *
 * <p>One shipment of one tracking number takes exactly two state-changing calls on X-Cart (add the tracking number,
 * then set status {@code S}) and one on Clarity ({@code Ship}), and the storefront-sink makes no other order call.
 * The simulators count every such call per order; summed over the storefront before and after the restart, any
 * other count is a repeated (or missing) write, whatever its kind and whether it came before or after the order
 * showed shipped.
 */
@Tag("integration")
class BridgeRestartIntegrationTest {

    private static final int ORDERS_PER_STOREFRONT = 50;
    /** A warehouse shipping about 25 orders a second. */
    private static final long MILLIS_BETWEEN_SHIPMENTS = 40;
    /** The share of orders shipped before the stop begins; the rest are shipped while the bridge is down. */
    private static final double SHIPPED_BEFORE_STOP = 0.6;
    /** State-changing calls one shipment of one tracking number takes: X-Cart tracking + status, Clarity's Ship. */
    private static final List<String> XCART_CALLS_PER_SHIPMENT = List.of("shipping_status=S", "tracking_numbers");
    private static final List<String> CLARITY_CALLS_PER_SHIPMENT = List.of("SHIP");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void shouldShipEveryOrderOnceThoughTheBridgeRestartsMidStream() throws Exception {
        int[] ports = BridgeUpIntegrationTest.freePorts(7);
        try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start()) {
            SystemOptions options = new SystemOptions(dataDir, ListenAddress.LOOPBACK, ports[0], ports[1], ports[2], ports[3], ports[4],
                    ports[5], ports[6], false, null, p21.url(), SystemOptions.DEFAULT_SIMULATOR_ORDERS_KEPT);
            Map<String, String> environment = Map.of("BRIDGE_P21_POLL_SHIPMENTS", "PT0.5S");
            BridgeSystem first = new BridgeSystem(options, environment).start();
            CompletableFuture<Void> shipping;
            CountDownLatch stopping = new CountDownLatch(1);
            Map<String, String> trackingByOrderKey = new LinkedHashMap<>();
            List<String> xcartOrders;
            List<String> clarityOrders;
            int shownAtStop;
            try {
                xcartOrders = first.xcart().checkout(CheckoutRequest.of(ORDERS_PER_STOREFRONT).withRates(0.0, 0));
                clarityOrders = first.clarity().checkout(CheckoutRequest.of(ORDERS_PER_STOREFRONT).withRates(0.0, 0));
                List<String> keys = new ArrayList<>();
                xcartOrders.forEach(id -> keys.add("xcart:" + id));
                clarityOrders.forEach(id -> keys.add("clarity:" + id));
                Await.until(Duration.ofSeconds(120), () -> p21OrderNumbers(p21, keys).size() == keys.size(),
                        () -> "P21 holds " + p21OrderNumbers(p21, keys).size() + " of " + keys.size() + " orders");

                Map<String, String> orderNumbers = p21OrderNumbers(p21, keys);
                for (int i = 0; i < keys.size(); i++) {
                    // alternate storefronts so both are mid-stream at the stop
                    String key = keys.get(i % 2 == 0 ? i / 2 : ORDERS_PER_STOREFRONT + i / 2);
                    trackingByOrderKey.put(key, String.format("1ZRESTART%06d", i));
                }
                shipping = CompletableFuture.runAsync(() -> shipAll(p21, orderNumbers, trackingByOrderKey, stopping));

                BridgeSystem running = first;
                Await.until(Duration.ofSeconds(90),
                        () -> shownShipped(running, trackingByOrderKey) >= keys.size() / 5,
                        () -> "shown shipped: " + shownShipped(running, trackingByOrderKey));
                shownAtStop = shownShipped(first, trackingByOrderKey);
            } finally {
                stopping.countDown();
                first.close();
            }
            assertThat(shownAtStop).as("stopped mid-stream").isLessThan(trackingByOrderKey.size());

            BridgeSystem second = new BridgeSystem(options, environment).start();
            try {
                shipping.get(60, TimeUnit.SECONDS);
                Await.until(Duration.ofSeconds(120),
                        () -> shownShipped(second, trackingByOrderKey) == trackingByOrderKey.size(),
                        () -> "shown shipped after the restart: " + shownShipped(second, trackingByOrderKey)
                                + " of " + trackingByOrderKey.size() + " (" + shownAtStop + " at the stop); not yet: "
                                + notShownShipped(first, second, trackingByOrderKey));
                // a repeat would come from a record still on its way: wait until the transformer and the sink have
                // taken in everything the poller wrote
                Await.until(Duration.ofSeconds(30), () -> behind(second.kafkaBootstrap()).isEmpty(),
                        () -> "consumers behind: " + behind(second.kafkaBootstrap()));
                assertThat(endOffsets(second.kafkaBootstrap(), Topics.DLQ_STOREFRONT_SINK.name()).values())
                        .as("dead letters of the storefront-sink").allMatch(end -> end == 0);
                assertThat(endOffsets(second.kafkaBootstrap(), Topics.DLQ_TRANSFORMER.name()).values())
                        .as("dead letters of the transformer").allMatch(end -> end == 0);
            } finally {
                second.close();
            }

            assertEveryOrderShippedOnce(first.xcart(), second.xcart(), xcartOrders, "S", XCART_CALLS_PER_SHIPMENT,
                    "xcart:", trackingByOrderKey);
            assertEveryOrderShippedOnce(first.clarity(), second.clarity(), clarityOrders, "Shipped",
                    CLARITY_CALLS_PER_SHIPMENT, "clarity:", trackingByOrderKey);
        }
    }

    /**
     * Every order shows the shipped status and exactly its own tracking number, and received exactly the calls one
     * shipment takes, summed over the storefront before and after the restart: one more would be a repeated write.
     */
    private static void assertEveryOrderShippedOnce(StorefrontSimulator before, StorefrontSimulator after,
                                                    List<String> orders, String shipped, List<String> shipmentCalls,
                                                    String prefix, Map<String, String> trackingByOrderKey) {
        Map<String, Map<String, Long>> calls = new HashMap<>();
        for (CallLog.Counts counts : List.of(before.calls().counts(), after.calls().counts())) {
            counts.perOrderCall().forEach((order, kinds) -> kinds.forEach((kind, count) ->
                    calls.computeIfAbsent(order, o -> new TreeMap<>()).merge(kind, count, Long::sum)));
        }
        for (String id : orders) {
            Map<String, Long> kinds = calls.getOrDefault(id, Map.of());
            // each kind of call once: the shipment's own, and at most one of each status P21's order status sets
            assertThat(kinds).as("state-changing calls of order %s", id).allSatisfy((kind, count) ->
                    assertThat(count).as("%s calls of order %s", kind, id).isEqualTo(1L));
            assertThat(kinds).as("state-changing calls of order %s", id).containsKeys(shipmentCalls.toArray(String[]::new));
        }
        for (String id : orders) {
            OrderView order = after.order(id).orElseThrow();
            assertThat(order.status()).as("status of %s", id).isEqualTo(shipped);
            assertThat(order.trackingNumbers()).as("tracking numbers of %s", id)
                    .containsExactly(trackingByOrderKey.get(prefix + id));
        }
    }

    /**
     * One {@code POST /sim/shipments} per order, at the warehouse's pace; after {@link #SHIPPED_BEFORE_STOP} of them
     * it waits for the stop to begin, so the rest are shipped in P21 (which stays up) while the bridge is down.
     */
    private static void shipAll(P21Simulator p21, Map<String, String> orderNumbers, Map<String, String> tracking,
                                CountDownLatch stopping) {
        int shipped = 0;
        try {
            for (Map.Entry<String, String> shipment : tracking.entrySet()) {
                if (shipped++ == (int) (tracking.size() * SHIPPED_BEFORE_STOP)
                        && !stopping.await(3, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the bridge was never stopped");
                }
                String body = "{\"order_no\":\"" + orderNumbers.get(shipment.getKey()) + "\",\"carrier_id\":\"UPS\","
                        + "\"tracking_no\":\"" + shipment.getValue() + "\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(p21.url() + "/sim/shipments"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                Thread.sleep(MILLIS_BETWEEN_SHIPMENTS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** P21's order_no by storefront order key, for the keys P21 already holds. */
    private static Map<String, String> p21OrderNumbers(P21Simulator p21, List<String> keys) {
        Map<String, String> numbers = new HashMap<>();
        for (P21Order order : p21.orders()) {
            if (keys.contains(order.webReferenceNo())) {
                numbers.put(order.webReferenceNo(), order.orderNo());
            }
        }
        return numbers;
    }

    /** How many orders their storefront shows shipped with their tracking number. */
    private static int shownShipped(BridgeSystem system, Map<String, String> trackingByOrderKey) {
        int shown = 0;
        for (Map.Entry<String, String> entry : trackingByOrderKey.entrySet()) {
            String key = entry.getKey();
            boolean xcart = key.startsWith("xcart:");
            StorefrontSimulator storefront = xcart ? system.xcart() : system.clarity();
            String id = key.substring(key.indexOf(':') + 1);
            if (storefront.order(id).filter(o -> o.status().equals(xcart ? "S" : "Shipped")
                    && o.trackingNumbers().contains(entry.getValue())).isPresent()) {
                shown++;
            }
        }
        return shown;
    }

    /**
     * Up to five orders not shown shipped yet, each with what its storefront shows and the state-changing calls it
     * received before and after the restart: where a late shipment stands when the wait fails.
     */
    private static String notShownShipped(BridgeSystem first, BridgeSystem second, Map<String, String> tracking) {
        List<String> late = new ArrayList<>();
        for (Map.Entry<String, String> entry : tracking.entrySet()) {
            String key = entry.getKey();
            boolean xcart = key.startsWith("xcart:");
            String id = key.substring(key.indexOf(':') + 1);
            StorefrontSimulator after = xcart ? second.xcart() : second.clarity();
            StorefrontSimulator before = xcart ? first.xcart() : first.clarity();
            Optional<OrderView> order = after.order(id);
            if (order.filter(o -> o.status().equals(xcart ? "S" : "Shipped")
                    && o.trackingNumbers().contains(entry.getValue())).isEmpty() && late.size() < 5) {
                late.add(key + " (tracking " + entry.getValue() + "): shows "
                        + order.map(o -> o.status() + " " + o.trackingNumbers()).orElse("nothing")
                        + ", calls before " + before.calls().counts().perOrderCall().get(id)
                        + ", after " + after.calls().counts().perOrderCall().get(id));
            }
        }
        return late.toString();
    }

    /**
     * The records the transformer has not committed of raw.p21 and the storefront-sink of canonical.shipments;
     * empty when both have taken in everything. Counted by reading from the committed offsets, because a committed
     * offset stops short of the end offset by the commit marker of a transactional producer.
     */
    private static List<String> behind(String bootstrap) {
        List<String> behind = new ArrayList<>();
        behind.addAll(unconsumed(bootstrap, "p21-bridge-transformer", Topics.RAW_P21.name()));
        behind.addAll(unconsumed(bootstrap, StorefrontSinkService.GROUP_ID, Topics.CANONICAL_SHIPMENTS.name()));
        return behind;
    }

    private static List<String> unconsumed(String bootstrap, String group, String topic) {
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", "false");
        List<String> unconsumed = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(ends.keySet());
            ends.keySet().forEach(p -> reader.seek(p, committed.get(p) == null ? 0 : committed.get(p).offset()));
            Await.until(topic + " read to its end", Duration.ofSeconds(10), () -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> unconsumed.add(group + " " + r.topic() + "-"
                        + r.partition() + "@" + r.offset()));
                return ends.entrySet().stream().allMatch(end -> reader.position(end.getKey()) >= end.getValue());
            });
        }
        return unconsumed;
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry
                    : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                ends.put(entry.getKey(), entry.getValue().offset());
            }
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
