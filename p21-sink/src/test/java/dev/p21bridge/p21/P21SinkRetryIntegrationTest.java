package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The p21-sink's failure handling on a real broker against a stub P21 that fails on demand: retry topics with
 * shortened delays (200 ms, 400 ms, 800 ms), the circuit breaker (open for 2 s), retries-exhausted dead letters and
 * the order of a key's records across retries and restarts. The retry topics are what this class tests, so faults
 * are absorbed in place only briefly (three tries within 1 s, no Retry-After waited out on the spot); the default
 * absorption is P21SinkFaultMixIntegrationTest's.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class P21SinkRetryIntegrationTest {

    /** A bound for a failing test, far above the few seconds each wait takes. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final AvroTestSerde<Order> ORDERS = new AvroTestSerde<>(Order.class);

    private static String bootstrap;
    private static P21Config config;
    private static StubP21 p21;
    private static SimpleMeterRegistry metrics;
    private static P21SinkService sink;
    private static KafkaProducer<String, byte[]> producer;
    private static SinkOutputs outputs;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        p21 = new StubP21();
        config = P21Config.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", bootstrap,
                "BRIDGE_P21_URL", p21.baseUrl().toString(),
                "BRIDGE_P21_PASSWORD", "secret",
                "BRIDGE_P21_TIMEOUT", "500ms",
                "BRIDGE_P21_SINK_PARALLELISM", "16",
                "BRIDGE_RETRY_DELAYS", "200ms,400ms,800ms",
                "BRIDGE_CIRCUIT_FAILURES", "20",
                "BRIDGE_CIRCUIT_OPEN_FOR", "2s",
                "BRIDGE_P21_IN_PLACE_TRIES", "3",
                "BRIDGE_P21_IN_PLACE_BUDGET", "1s")));
        startSink();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", 5);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        outputs = new SinkOutputs(bootstrap);
        warmUp();
    }

    /**
     * One acknowledged write to every partition of canonical.orders before the tests send in bulk, so leaders of the
     * topics the sink just created are settled (a loaded machine otherwise shows the producer retrying for long).
     * The orders are deleted ones, which the sink skips.
     */
    private static void warmUp() {
        for (int partition = 0; partition < Topics.CANONICAL_ORDERS.partitions(); partition++) {
            Order deleted = Order.newBuilder(SampleOrders.variant("warm-up-" + partition, "warm@example.com"))
                    .setChangeType(ChangeType.DELETED).build();
            try {
                producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), partition, deleted.getOrderKey(),
                        ORDERS.serialize("t", deleted))).get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("canonical.orders-" + partition + " did not take a record", e);
            }
        }
    }

    @AfterEach
    void healP21() {
        p21.faults.clear();
        if (!p21Answers()) {
            p21.comeBack();
        }
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {sink, producer, outputs, p21}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort: the broker goes away with the class anyway
            }
        }
    }

    @Test
    void shouldCreateTwoThousandOrdersExactlyOnceWhileP21FailsThirtyPercentOfItsCalls() throws Exception {
        p21.transactionLatencyMs = 2;
        p21.faults.rate = 0.3;
        List<Order> orders = IntStream.range(0, 2_000)
                .mapToObj(i -> SampleOrders.variant("chaos-" + i, "chaos" + (i % 200) + "@example.com")).toList();

        for (Order order : orders) {
            producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), order.getOrderKey(),
                    ORDERS.serialize("t", order)));
        }
        producer.flush();

        outputs.await(Duration.ofSeconds(120), "2,000 chaos confirmations",
                o -> o.confirmed("xcart:chaos-").stream().map(OrderConfirmation::getOrderKey).distinct().count() == 2_000);
        List<Map<String, String>> created = p21.orders().values().stream()
                .filter(o -> o.get("web_reference_no").startsWith("xcart:chaos-")).toList();
        java.util.Set<String> inP21 = created.stream().map(o -> o.get("web_reference_no"))
                .collect(java.util.stream.Collectors.toSet());
        List<String> missing = orders.stream().map(Order::getOrderKey).filter(k -> !inP21.contains(k))
                .map(k -> k + ": " + p21.journal(k) + " confirmed as " + outputs.confirmed(k).stream()
                        .filter(c -> c.getOrderKey().equals(k)).map(OrderConfirmation::getP21OrderNo).toList())
                .toList();
        assertThat(missing).as("confirmed but not in P21").isEmpty();
        assertThat(created).hasSize(2_000);
        assertThat(created.stream().map(o -> o.get("web_reference_no")).distinct()).hasSize(2_000);
        assertThat(outputs.deadLetters("xcart:chaos-")).isEmpty();
        assertThat(p21.faults.injected.get()).as("faults in writes and reads").isGreaterThan(1_000);
        assertThat(outputs.retries("xcart:chaos-")).isNotEmpty();
        assertThat(p21.sameKeyCreatedConcurrently).isFalse();
    }

    @Test
    void shouldKeepOrdersInRetryTopicsWhileP21IsDownAndCreateThemAllWhenItReturns() throws Exception {
        long openedBefore = circuitOpened();
        p21.goDown();
        long downSince = System.nanoTime();
        List<Order> orders = IntStream.range(0, 200)
                .mapToObj(i -> SampleOrders.variant("outage-" + i, "outage" + (i % 20) + "@example.com")).toList();
        for (Order order : orders) {
            producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), order.getOrderKey(),
                    ORDERS.serialize("t", order)));
        }
        producer.flush();

        outputs.await(DEADLINE, "every outage order in retry.p21-sink.1", o -> o.retries("xcart:outage-").stream()
                .filter(r -> r.topic().equals("retry.p21-sink.1")).map(ConsumerRecord::key).distinct().count() == 200);
        assertThat(circuitOpened()).isGreaterThan(openedBefore);
        assertThat(sink.circuitState()).isNotEqualTo(CircuitBreaker.State.CLOSED);
        while (System.nanoTime() - downSince < Duration.ofSeconds(20).toNanos()) {
            outputs.poll();
        }
        assertThat(circuitOpened()).as("failed probes open the circuit again").isGreaterThan(openedBefore + 1);
        assertThat(outputs.deadLetters("xcart:outage-")).isEmpty();
        assertThat(outputs.confirmed("xcart:outage-")).isEmpty();

        p21.comeBack();

        outputs.await(DEADLINE, "200 outage confirmations", o -> o.confirmed("xcart:outage-").stream()
                .map(OrderConfirmation::getOrderKey).distinct().count() == 200);
        for (Order order : orders) {
            assertThat(p21.ordersWithReference(order.getOrderKey())).hasSize(1);
        }
        assertThat(outputs.deadLetters("xcart:outage-")).isEmpty();
        assertThat(sink.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldDeadLetterAnOrderWhoseRetriesAreExhaustedSoThatReplayWritesItBackToCanonicalOrders()
            throws Exception {
        Order order = SampleOrders.variant("doomed", "doomed@example.com");
        p21.faults.failAlways(order.getOrderKey());
        byte[] value = ORDERS.serialize("t", order);
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "evt-doomed".getBytes(StandardCharsets.UTF_8));

        RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), null,
                order.getOrderKey(), value, headers)).get();

        outputs.await(DEADLINE, "the doomed dead letter", o -> !o.deadLetters(order.getOrderKey()).isEmpty());
        ConsumerRecord<String, byte[]> letter = outputs.deadLetters(order.getOrderKey()).get(0);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, "event-id")).isEqualTo("evt-doomed");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.orders");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("p21-sink");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("retries-exhausted");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("gave up after 4 attempts",
                "The service is unavailable.");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT)))
                .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
        assertThat(letter.headers().lastHeader(RetryHeaders.ATTEMPT)).isNull();
        assertThat(outputs.retries(order.getOrderKey())).extracting(ConsumerRecord::topic)
                .containsExactly("retry.p21-sink.1", "retry.p21-sink.2", "retry.p21-sink.3");
        assertThat(p21.ordersWithReference(order.getOrderKey())).isEmpty();

        p21.faults.clear();
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        var replayed = new DeadLetterStore(client).replay("p21-sink", new DeadLetterFilter(null, null,
                order.getOrderKey()), false, false, done -> { });

        assertThat(replayed.replayed()).isEqualTo(1);
        outputs.await(DEADLINE, "the replayed order's confirmation", o -> !o.confirmed(order.getOrderKey()).isEmpty());
        assertThat(p21.ordersWithReference(order.getOrderKey())).hasSize(1);
    }

    @Test
    void shouldNotLetAnUpdateOvertakeItsCreateWhileTheCreateClimbsTheRetryLevels() throws Exception {
        Order create = SampleOrders.variant("ordered", "ordered@example.com", "HX-4410");
        Order update = updateOf(create);
        p21.faults.failFirst(create.getOrderKey(), 7);

        send(create);
        send(update);

        outputs.await(DEADLINE, "both confirmations", o -> o.confirmed(create.getOrderKey()).size() == 2);
        assertConfirmedInOrder(create, update);
        assertThat(outputs.retries(create.getOrderKey())).extracting(ConsumerRecord::topic)
                .contains("retry.p21-sink.1", "retry.p21-sink.2");
    }

    @Test
    void shouldStillQueueAnUpdateBehindItsCreateInRetryAfterTheSinkRestarts() throws Exception {
        Order create = SampleOrders.variant("restarted", "restarted@example.com", "HX-4410");
        Order update = updateOf(create);
        p21.faults.throttleOnce(create.getOrderKey(), 6);
        send(create);
        outputs.await(DEADLINE, "the create in retry.p21-sink.1", o -> !o.retries(create.getOrderKey()).isEmpty());

        sink.close();
        startSink();
        send(update);

        outputs.await(DEADLINE, "both confirmations", o -> o.confirmed(create.getOrderKey()).size() == 2);
        assertConfirmedInOrder(create, update);
    }

    private static void assertConfirmedInOrder(Order create, Order update) {
        List<OrderConfirmation> confirmed = outputs.confirmed(create.getOrderKey());
        assertThat(confirmed).extracting(c -> c.getSourceEventId().toString())
                .containsExactly(create.getSourceEventId(), update.getSourceEventId());
        assertThat(confirmed.get(0).getAlreadyExisted()).isFalse();
        assertThat(confirmed.get(1).getAlreadyExisted()).isTrue();
        assertThat(p21.ordersWithReference(create.getOrderKey())).singleElement()
                .satisfies(o -> assertThat(o.get("lines")).startsWith("HX-4410 x").doesNotContain("WSH-0375-Z"));
    }

    /** The same order updated at the storefront: a second line and a new event id. */
    private static Order updateOf(Order create) {
        Order lines = SampleOrders.variant(create.getOrderId(), create.getCustomer().getEmail(), "HX-4410",
                "WSH-0375-Z");
        return Order.newBuilder(lines).setChangeType(ChangeType.UPDATED)
                .setSourceEventId(create.getSourceEventId() + "-updated").build();
    }

    private static void send(Order order) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), order.getOrderKey(),
                ORDERS.serialize("t", order))).get();
    }

    private static void startSink() {
        metrics = new SimpleMeterRegistry();
        sink = new P21SinkService(config, metrics, new P21SinkSerdes(ORDERS, new AvroTestSerde<>(Customer.class),
                new AvroTestSerde<>(PaymentCapture.class), new AvroTestSerde<>(ReturnRequest.class),
                ORDERS_CONFIRMATIONS,
                new AvroTestSerde<>(OrderStatus.class)), Clock.systemUTC()).start();
    }

    private static final AvroTestSerde<OrderConfirmation> ORDERS_CONFIRMATIONS =
            new AvroTestSerde<>(OrderConfirmation.class);

    private static long circuitOpened() {
        return (long) metrics.get("p21.circuit.opened").functionCounter().count();
    }

    private static boolean p21Answers() {
        try (var socket = new java.net.Socket("127.0.0.1", p21.port())) {
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name).orElse(null);
    }
}
