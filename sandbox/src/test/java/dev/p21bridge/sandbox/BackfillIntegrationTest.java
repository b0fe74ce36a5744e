package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.ingress.poll.StoreOrderBackfill;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.config.StoreSettings;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./bridge backfill orders} (issue 26, point 3): 2,000 orders of the X-Cart store, 1,500 of them already in P21
 * by their webhooks and 500 placed while the store sent none and nothing polled it, are backfilled from the store's
 * history while Clarity's live orders keep flowing; P21 then has exactly 2,000 X-Cart orders, each once, and every
 * live order. The 1,500 are dropped by the transformer's order keys; that a backfilled order the transformer has
 * forgotten passes on unmarked is TransformerTopologyTest's, and that an unmarked order P21 has is looked up and not
 * created again is P21SinkIntegrationTest's.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class BackfillIntegrationTest {

    private static final int IN_P21 = 1_500;
    private static final int MISSED = 500;
    private static final double RATE = 400;

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    @Test
    void shouldCreateOnlyTheOrdersP21LacksWhileLiveOrdersKeepFlowing() throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        StorefrontSimulator clarity = bridge.system().clarity();
        xcart.webhooksEnabled(true);
        Instant since = nextSecond();
        List<String> xcartOrders = new ArrayList<>(place(xcart, "xcart", IN_P21));
        Await.until("the first 1,500 X-Cart orders in P21", Duration.ofMinutes(3),
                () -> missing(xcartOrders).isEmpty(), () -> missing(xcartOrders).size() + " not in P21 yet");

        xcart.webhooksEnabled(false);
        List<String> missed = place(xcart, "xcart", MISSED);
        xcartOrders.addAll(missed);
        assertThat(missing(missed)).as("orders of a store without webhooks nor polling").hasSize(MISSED);

        List<String> live = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean backfilling = new AtomicBoolean(true);
        ExecutorService liveTraffic = Executors.newSingleThreadExecutor();
        // about 50 live orders a second, a busy store's pace, for as long as the backfill runs
        Future<?> placing = liveTraffic.submit(() -> {
            while (backfilling.get()) {
                live.addAll(place(clarity, "clarity", 5));
                TimeUnit.MILLISECONDS.sleep(100);
            }
            return null;
        });
        StoreOrderBackfill.Result result;
        long started = System.nanoTime();
        try (StoreOrderBackfill backfill = StoreOrderBackfill.open(xcartStore(), kafka(), Duration.ofSeconds(10))) {
            result = backfill.run(since, false, RATE, progress -> { }, () -> false);
        } finally {
            backfilling.set(false);
            placing.get();
            liveTraffic.shutdown();
        }
        long backfilledMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.sent()).isEqualTo(IN_P21 + MISSED);
        assertThat(live).isNotEmpty();

        List<String> everything = new ArrayList<>(xcartOrders);
        everything.addAll(live);
        Await.until("the missed X-Cart orders and every live Clarity order in P21", Duration.ofMinutes(3),
                () -> missing(everything).isEmpty(), () -> missing(everything).size() + " of " + everything.size()
                        + " not in P21 yet, e.g. " + missing(everything).stream().limit(5).toList());
        System.out.printf("BackfillIntegrationTest: %d orders backfilled in %d ms, all in P21 %d ms after the start,"
                + " %d live Clarity orders meanwhile%n", result.sent(), backfilledMillis,
                (System.nanoTime() - started) / 1_000_000, live.size());

        // a record still on its way would be a second P21 order: wait until the pipeline has nothing left
        Await.until("the transformer and the p21-sink caught up", Duration.ofMinutes(1),
                BackfillIntegrationTest::caughtUp);
        Map<String, Integer> perReference = new HashMap<>();
        for (P21Order order : bridge.system().p21().orders()) {
            perReference.merge(order.webReferenceNo(), 1, Integer::sum);
        }
        assertThat(perReference.keySet().stream().filter(key -> key.startsWith("xcart:"))).hasSize(IN_P21 + MISSED);
        assertThat(perReference).allSatisfy((reference, count) -> assertThat(count).as(reference).isEqualTo(1));
    }

    @Test
    void shouldResumeWhereAStoppedBackfillEndedOnTheCommandLineAndSendNothingTwice() throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        xcart.webhooksEnabled(false);
        Instant since = nextSecond();
        List<String> orders = place(xcart, "xcart", 150);
        StoreOrderBackfill.Result first;
        try (StoreOrderBackfill backfill = StoreOrderBackfill.open(xcartStore(), kafka(), Duration.ofSeconds(10))) {
            int[] asked = {0};
            first = backfill.run(since, false, 1_000, p -> { }, () -> ++asked[0] > 60);
        }
        assertThat(first.stopped()).isTrue();
        assertThat(first.sent()).isEqualTo(60);

        // the command line as an operator types it, with the store's and Kafka's addresses as its environment
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BridgeCli.commandLine(Map.of("BRIDGE_XCART_URL", xcart.url().toString()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("backfill", "orders", "--store", "xcart", "--since", since.toString(), "--rate", "1000",
                "--bootstrap-server", bridge.system().kafkaBootstrap());
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("resuming the backfill of xcart since " + since, "page 1, ",
                ", 150 sent to raw.xcart since " + since);
        Await.until("the 150 orders in P21", Duration.ofMinutes(2), () -> missing(orders).isEmpty(),
                () -> missing(orders).size() + " not in P21 yet");
    }

    /**
     * Whether the transformer committed every raw X-Cart and Clarity record and the p21-sink every canonical order.
     * Counted to the last record of each partition: canonical.orders is written in transactions, whose commit
     * markers are never consumed.
     */
    private static boolean caughtUp() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bridge.system().kafkaBootstrap()))) {
            return caughtUp(admin, "p21-bridge-transformer", Topics.RAW_XCART.name())
                    && caughtUp(admin, "p21-bridge-transformer", Topics.RAW_CLARITY.name())
                    && caughtUp(admin, "p21-sink", Topics.CANONICAL_ORDERS.name());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> last = new HashMap<>();
        TopicReader.readToEnd(bridge.system().kafkaBootstrap(), topic, Duration.ofSeconds(30)).forEach(r ->
                last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
        return last.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                && committed.get(e.getKey()).offset() > e.getValue());
    }

    /**
     * The next whole second, once it has come: the stores list creation times to the second, so orders placed from
     * now on are the only ones created at or after it.
     */
    private static Instant nextSecond() {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Await.until("the next second", Duration.ofSeconds(2), () -> !Instant.now().isBefore(next));
        return next;
    }

    private static Store xcartStore() {
        return StoreSettings.from(new Environment(Map.of("BRIDGE_XCART_URL",
                bridge.system().xcart().url().toString()))).stream().filter(s -> s.name().equals("xcart"))
                .findFirst().orElseThrow();
    }

    private static KafkaConfig kafka() {
        return KafkaConfig.from(new Environment(Map.of(KafkaConfig.BOOTSTRAP.name(),
                bridge.system().kafkaBootstrap())));
    }

    private static List<String> place(StorefrontSimulator store, String key, int count) {
        CheckoutResult result = store.checkoutWithReport(CheckoutRequest.of(count).withRates(0.0, 0));
        assertThat(result.orders()).hasSize(count);
        return result.orders().stream().map(id -> key + ":" + id).toList();
    }

    private static Set<String> missing(List<String> expected) {
        Set<String> inP21 = new HashSet<>();
        bridge.system().p21().orders().forEach(order -> inP21.add(order.webReferenceNo()));
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(inP21);
        return missing;
    }
}
