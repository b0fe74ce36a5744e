package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stores without webhooks (issue 26, point 1): both storefronts in mode {@code poll}, their simulators sending no
 * webhooks, so every order reaches P21 only because the ingress reads the stores' order lists. A tenth of the orders
 * commit late, after newer orders were already listed and polled, as a slow database transaction does: the
 * overlap window must still find them. The rest are placed as busy stores place them, 5 a second each. The
 * issue's bound is held order by order: each is created in P21 within the poll interval plus 10 s of its commit.
 * Measured on two cores (2026-12-07): commit to P21 p50 1.2 s, max 2.4 s. At 10 orders/s per store P21's leg
 * saturates (every polled order also comes back once as an update, when the storefront-sink's status change renews
 * it, and is checked against P21): commit to P21 p50 10 s there, so the stores here place half that, and the
 * warm-up's echoes pass before the measured orders are placed.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderPollingIntegrationTest {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final Duration COMMIT_DELAY = Duration.ofSeconds(4);
    private static final int ORDERS = 500;
    private static final int LATE = 50;
    private static final int BATCH = 5;
    private static final Duration ROUND = Duration.ofSeconds(1);
    /** Regular buyers of each store, and the orders that make sure each of them ordered once before the test. */
    private static final int BUYERS = 20;
    private static final int WARM_UP = 200;

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of(
            "BRIDGE_STORE_XCART_MODE", "poll", "BRIDGE_STORE_XCART_POLL_INTERVAL", "2s",
            "BRIDGE_STORE_XCART_POLL_OVERLAP", "30s",
            "BRIDGE_STORE_CLARITY_MODE", "poll", "BRIDGE_STORE_CLARITY_POLL_INTERVAL", "2s",
            "BRIDGE_STORE_CLARITY_POLL_OVERLAP", "30s",
            // a test of how orders arrive: twenty busy buyers would trip the velocity rules (risk.md)
            "BRIDGE_RISK_SCORING", "off"));

    @Test
    void shouldBringEveryOrderOfStoresWithoutWebhooksToP21ExactlyOnceIncludingLateCommits() throws InterruptedException {
        StorefrontSimulator xcart = bridge.system().xcart();
        StorefrontSimulator clarity = bridge.system().clarity();
        assertThat(xcart.webhooksEnabled()).isFalse();
        assertThat(clarity.webhooksEnabled()).isFalse();

        // the stores' regular buyers order first, so P21 knows them: a new buyer's first order waits for the customer
        // path to create the customer (docs/customers.md), which is not what this test measures
        List<String> warmUp = new ArrayList<>(place(xcart, "xcart", CheckoutRequest.of(WARM_UP).withCustomers(BUYERS)));
        warmUp.addAll(place(clarity, "clarity", CheckoutRequest.of(WARM_UP).withCustomers(BUYERS)));
        Await.until("the regular buyers' first orders in P21", Duration.ofMinutes(2), () -> missing(warmUp).isEmpty(),
                () -> missing(warmUp).size() + " of " + warmUp.size() + " not in P21 yet");
        // and their echo has passed: P21's acceptance set in the stores renews each order, the next poll brings it
        // back as an update, and the p21-sink checks it against P21 (docs/order-polling.md)
        Await.until("the warm-up orders accepted in their stores", Duration.ofMinutes(2),
                () -> warmUp.stream().allMatch(OrderPollingIntegrationTest::accepted));
        double pollsBefore = polls();
        Await.until("two more polls of each store", Duration.ofSeconds(30), () -> polls() >= pollsBefore + 4);
        Await.until("the p21-sink caught up with canonical.orders", Duration.ofMinutes(1),
                () -> p21SinkLag() == 0, () -> p21SinkLag() + " records behind");

        // the late ones first: the on-time orders placed after them are listed, and polled, before they commit
        Map<String, Long> committedAt = new HashMap<>();
        placeCommitted(xcart, "xcart", CheckoutRequest.of(LATE).withCustomers(BUYERS).withCommitDelay(COMMIT_DELAY),
                committedAt);
        placeCommitted(clarity, "clarity", CheckoutRequest.of(LATE).withCustomers(BUYERS).withCommitDelay(COMMIT_DELAY),
                committedAt);
        // then the rest as busy stores place them, 5 orders a second each (18,000 an hour)
        for (int placed = LATE; placed < ORDERS; placed += BATCH) {
            long round = System.nanoTime();
            placeCommitted(xcart, "xcart", CheckoutRequest.of(BATCH).withCustomers(BUYERS), committedAt);
            placeCommitted(clarity, "clarity", CheckoutRequest.of(BATCH).withCustomers(BUYERS), committedAt);
            Thread.sleep(Math.max(0, ROUND.toMillis() - (System.nanoTime() - round) / 1_000_000));
        }
        List<String> expected = new ArrayList<>(committedAt.keySet());
        assertThat(expected).hasSize(2 * ORDERS);
        long placed = System.nanoTime();

        // the poller's part: every order on its raw topic within the poll interval plus 10 s of its commit
        Duration deadline = COMMIT_DELAY.plus(POLL_INTERVAL).plusSeconds(10);
        List<Long> toRaw = new ArrayList<>();
        try (PolledOrders polled = new PolledOrders(bridge.system().kafkaBootstrap())) {
            Await.until("every order polled within " + deadline.toSeconds() + " s", deadline,
                    () -> polled.missing(expected).isEmpty(), () -> polled.missing(expected).size() + " of "
                            + expected.size() + " orders not polled yet, e.g. "
                            + polled.missing(expected).stream().limit(5).toList());
            polled.writtenAt().forEach((key, at) -> {
                if (committedAt.containsKey(key)) {
                    toRaw.add(at - committedAt.get(key));
                }
            });
        }
        toRaw.sort(null);
        Duration polledIn = Duration.ofNanos(System.nanoTime() - placed);
        Await.until("every order in P21", Duration.ofMinutes(3), () -> missing(expected).isEmpty(),
                () -> missing(expected).size() + " of " + expected.size() + " orders not in P21 yet, e.g. "
                        + missing(expected).stream().limit(5).toList());

        // the bound, order by order: created in P21 within the poll interval plus 10 s of its commit
        List<Long> latencies = new ArrayList<>();
        for (P21Order order : bridge.system().p21().orders()) {
            Long committed = committedAt.get(order.webReferenceNo());
            if (committed != null) {
                latencies.add(order.dateCreated().toEpochMilli() - committed);
            }
        }
        latencies.sort(null);
        long worst = latencies.get(latencies.size() - 1);
        System.out.printf("OrderPollingIntegrationTest: %d orders polled %d ms after the last checkout; commit to raw"
                + " topic p50 %d ms, max %d ms; commit to P21 p50 %d ms, p99 %d ms, max %d ms%n", expected.size(),
                polledIn.toMillis(), toRaw.get(toRaw.size() / 2), toRaw.get(toRaw.size() - 1),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 99 / 100), worst);
        assertThat(worst).as("slowest order from its commit to P21, ms")
                .isLessThanOrEqualTo(POLL_INTERVAL.plusSeconds(10).toMillis());

        // two more polls of each store read the same window again: still one P21 order per store order
        double polls = polls();
        Await.until("two more polls of each store", Duration.ofSeconds(30), () -> polls() >= polls + 4);
        Map<String, Integer> perReference = new HashMap<>();
        for (P21Order order : bridge.system().p21().orders()) {
            perReference.merge(order.webReferenceNo(), 1, Integer::sum);
        }
        for (String reference : expected) {
            assertThat(perReference.get(reference)).as("P21 orders of %s", reference).isEqualTo(1);
        }
    }

    /** The orders the poller wrote to the raw topics as new ({@code received-via: poll}), as order keys. */
    private static final class PolledOrders implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> seenAt = new HashMap<>();

        PolledOrders(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Set<String> missing(List<String> expected) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Header via = record.headers().lastHeader("received-via");
                Header type = record.headers().lastHeader("event-type");
                if (via != null && type != null
                        && new String(type.value(), StandardCharsets.UTF_8).equals("order.created")) {
                    seenAt.putIfAbsent(record.topic().substring("raw.".length()) + ":" + record.key(),
                            record.timestamp());
                }
            }
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seenAt.keySet());
            return missing;
        }

        /** When the poller wrote each order to its raw topic, epoch millis. */
        Map<String, Long> writtenAt() {
            return seenAt;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static List<String> place(StorefrontSimulator store, String key, CheckoutRequest request) {
        CheckoutResult result = store.checkoutWithReport(request.withRates(0.0, 0));
        assertThat(result.orders()).hasSize(request.count());
        assertThat(result.delivered() + result.failed()).as("webhooks sent by a store without webhooks").isZero();
        return result.orders().stream().map(id -> key + ":" + id).toList();
    }

    /** Places the orders and notes when each commits: when the checkout answered, plus its commit delay. */
    private static void placeCommitted(StorefrontSimulator store, String key, CheckoutRequest request,
                                       Map<String, Long> committedAt) {
        List<String> keys = place(store, key, request);
        long committed = System.currentTimeMillis() + request.commitDelay().toMillis();
        keys.forEach(orderKey -> committedAt.put(orderKey, committed));
    }

    private static Set<String> missing(List<String> expected) {
        Set<String> inP21 = new HashSet<>();
        bridge.system().p21().orders().forEach(order -> inP21.add(order.webReferenceNo()));
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(inP21);
        return missing;
    }

    private static boolean accepted(String orderKey) {
        String store = orderKey.substring(0, orderKey.indexOf(':'));
        String status = bridge.system().store(store).order(orderKey.substring(store.length() + 1)).orElseThrow().status();
        return status.equals("P") || status.equals("Confirmed");
    }

    /**
     * Records of canonical.orders the p21-sink has not committed yet. The transformer writes in transactions, so each
     * partition ends with a commit marker the sink's committed offset may stop before: one behind is caught up.
     */
    private static long p21SinkLag() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(P21SinkService.GROUP_ID).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.CANONICAL_ORDERS.name()))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                    : admin.listOffsets(latest).all().get().entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset() - 1);
            }
            return latest.isEmpty() ? Long.MAX_VALUE : lag;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double polls() {
        return bridge.system().metrics().find("store.poller.polls").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
