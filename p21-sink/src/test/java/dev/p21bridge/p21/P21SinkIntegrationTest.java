package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The p21-sink on a real broker against a stub P21: exactly-once creation, dead letters, commits. */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class P21SinkIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final AvroTestSerde<Order> ORDERS = new AvroTestSerde<>(Order.class);
    private static final AvroTestSerde<OrderConfirmation> CONFIRMATIONS = new AvroTestSerde<>(OrderConfirmation.class);
    /** A value whose reading throws a StackOverflowError, as a deeply nested value would in a real reader. */
    private static final byte[] TOO_DEEP = "too deep to read".getBytes(StandardCharsets.UTF_8);
    private static final Deserializer<Order> READER = (topic, data) -> {
        if (Arrays.equals(data, TOO_DEEP)) {
            throw new StackOverflowError();
        }
        return ORDERS.deserialize(topic, data);
    };

    private static String bootstrap;
    private static StubP21 p21;
    private static P21SinkService sink;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> reader;
    private static final List<ConsumerRecord<String, byte[]>> confirmations = new ArrayList<>();
    private static final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        p21 = new StubP21();
        p21.transactionLatencyMs = 5;
        P21Config config = P21Config.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", bootstrap,
                "BRIDGE_P21_URL", p21.baseUrl().toString(),
                "BRIDGE_P21_USERNAME", "p21api",
                "BRIDGE_P21_PASSWORD", "secret",
                "BRIDGE_P21_TIMEOUT", "3s",
                "BRIDGE_P21_SINK_PARALLELISM", "8",
                "BRIDGE_RETRY_DELAYS", "200ms,400ms,800ms")));
        sink = new P21SinkService(config, new SimpleMeterRegistry(), new P21SinkSerdes(READER,
                new AvroTestSerde<>(Customer.class), new AvroTestSerde<>(PaymentCapture.class),
                new AvroTestSerde<>(ReturnRequest.class), CONFIRMATIONS,
                new AvroTestSerde<>(OrderStatus.class)), Clock.systemUTC()).start();
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap);
        producerProps.put("acks", "all");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        Properties readerProps = new Properties();
        readerProps.put("bootstrap.servers", bootstrap);
        readerProps.put("isolation.level", "read_committed");
        reader = new KafkaConsumer<>(readerProps, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> outputs = new ArrayList<>();
        for (String topic : List.of(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), Topics.DLQ_P21_SINK.name())) {
            reader.partitionsFor(topic).forEach(p -> outputs.add(new TopicPartition(topic, p.partition())));
        }
        reader.assign(outputs);
        reader.seekToBeginning(outputs);
    }

    @AfterAll
    static void tearDown() {
        if (sink != null) {
            sink.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (p21 != null) {
            p21.close();
        }
    }

    @Test
    void shouldCreateTwoHundredOrdersExactlyOnceThoughSomeKeysAreDeliveredThreeTimes() throws Exception {
        List<Order> orders = IntStream.range(0, 200)
                .mapToObj(i -> SampleOrders.variant("bulk-" + i, "buyer" + (i % 25) + "@example.com")).toList();
        for (Order order : orders) {
            send(order.getOrderKey(), ORDERS.serialize("t", order));
        }
        for (int copy = 0; copy < 2; copy++) {
            for (Order order : orders.subList(0, 20)) {
                send(order.getOrderKey(), ORDERS.serialize("t", order));
            }
        }
        producer.flush();

        List<OrderConfirmation> bulk = awaitConfirmations(list -> list.stream()
                .filter(c -> c.getOrderKey().startsWith("xcart:bulk-")).count() >= 240).stream()
                .filter(c -> c.getOrderKey().startsWith("xcart:bulk-")).toList();

        List<OrderConfirmation> created = bulk.stream().filter(c -> !c.getAlreadyExisted()).toList();
        assertThat(created).hasSize(200);
        assertThat(created.stream().map(OrderConfirmation::getOrderKey).distinct()).hasSize(200);
        // a create is not read back (the transformer takes the time from P21's poll); a look-up that finds it has it
        assertThat(bulk).filteredOn(OrderConfirmation::getAlreadyExisted)
                .allSatisfy(c -> assertThat(c.getP21CreatedAt()).as("P21's creation time").isNotNull());
        assertThat(bulk).hasSize(240);
        assertThat(bulk.stream().filter(OrderConfirmation::getAlreadyExisted))
                .allMatch(c -> IntStream.range(0, 20).anyMatch(i -> c.getOrderKey().equals("xcart:bulk-" + i)));
        long inP21 = p21.orders().values().stream()
                .filter(o -> o.get("web_reference_no").startsWith("xcart:bulk-")).count();
        assertThat(inP21).isEqualTo(200);
        for (OrderConfirmation confirmation : created) {
            assertThat(p21.ordersWithReference(confirmation.getOrderKey()))
                    .singleElement().satisfies(o -> assertThat(o.get("order_no")).isEqualTo(confirmation.getP21OrderNo()));
        }
        assertThat(p21.sameKeyCreatedConcurrently).isFalse();
        assertThat(p21.customers().values().stream().filter(c -> c.get("email_address").startsWith("buyer"))).hasSize(25);
    }

    @Test
    void shouldCreateOneOrderWhenP21CommitsTheWriteAndThenAnswers500() throws Exception {
        Order order = SampleOrders.variant("commit-then-fail", "ctf@example.com");
        p21.commitThenFailOnce(order.getOrderKey());

        send(order.getOrderKey(), ORDERS.serialize("t", order));

        OrderConfirmation confirmation = awaitConfirmation(order.getOrderKey());
        assertThat(p21.ordersWithReference(order.getOrderKey())).singleElement()
                .satisfies(o -> assertThat(o.get("order_no")).isEqualTo(confirmation.getP21OrderNo()));
        assertThat(confirmation.getAlreadyExisted()).isFalse();
        assertThat(confirmation.getP21CreatedAt()).as("P21's creation time, read back").isNotNull()
                .isEqualTo(java.time.Instant.parse(p21.ordersWithReference(confirmation.getOrderKey()).get(0)
                        .get("date_created")));
        assertThat(confirmation.getSourceEventId()).isEqualTo("evt-commit-then-fail");
    }

    @Test
    void shouldRecordWhyADeclinedOrderGetsNoP21OrderAndWriteNothingToP21() throws Exception {
        Order order = SampleOrders.variant("declined", "declined@example.com");
        order.getPayment().setStatus(dev.p21bridge.schemas.PaymentStatus.DECLINED);

        send(order.getOrderKey(), ORDERS.serialize("t", order));

        OrderConfirmation skipped = awaitConfirmation(order.getOrderKey());
        assertThat(skipped.getSkippedReason()).isEqualTo("payment declined");
        assertThat(skipped.getP21OrderNo()).isEmpty();
        assertThat(skipped.getP21CustomerId()).isEmpty();
        assertThat(skipped.getSourceEventId()).isEqualTo(order.getSourceEventId());
        assertThat(p21.ordersWithReference(order.getOrderKey())).isEmpty();
        assertThat(p21.customers().values()).noneMatch(c -> "declined@example.com".equals(c.get("email_address")));
    }

    @Test
    void shouldRetryThroughP21sTransientFailuresAndCreateTheOrderOnce() throws Exception {
        Order order = SampleOrders.variant("flaky", "flaky@example.com");
        p21.failNextTransactionsWith500.set(3);

        send(order.getOrderKey(), ORDERS.serialize("t", order));

        awaitConfirmation(order.getOrderKey());
        assertThat(p21.ordersWithReference(order.getOrderKey())).hasSize(1);
    }

    @Test
    void shouldDeadLetterABusinessRejectionWithP21sMessageAndTheContractHeaders() throws Exception {
        Order order = SampleOrders.variant("rejected", "rejected@example.com", "HX-4410", "UNKNOWN-9");
        byte[] value = ORDERS.serialize("t", order);
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "evt-rejected".getBytes(StandardCharsets.UTF_8));

        var sent = producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), null, order.getOrderKey(), value,
                headers)).get();

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(order.getOrderKey());
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, "event-id")).isEqualTo("evt-rejected");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("rejected-by-target");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("Item ID UNKNOWN-9 does not exist in item master.");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("canonical.orders");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("p21-sink");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT)))
                .isBetween(System.currentTimeMillis() - 120_000, System.currentTimeMillis());
        assertThat(p21.ordersWithReference(order.getOrderKey())).isEmpty();
    }

    @Test
    void shouldDeadLetterAValueThatIsNotAnOrderAndKeepGoing() throws Exception {
        byte[] garbage = "this is not an order".getBytes(StandardCharsets.UTF_8);
        send("xcart:garbage", garbage);
        Order next = SampleOrders.variant("garbage", "after-garbage@example.com");
        send(next.getOrderKey(), ORDERS.serialize("t", next));

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter("xcart:garbage");
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("cannot read the record", "canonical Order");
        assertThat(awaitConfirmation(next.getOrderKey()).getAlreadyExisted()).isFalse();
    }

    @Test
    void anErrorThrownWhileHandlingARecordEndsAsAnInternalDeadLetterAndTheNextRecordOfThePartitionIsCommitted()
            throws Exception {
        TopicPartition partition = new TopicPartition(Topics.CANONICAL_ORDERS.name(), 1);
        producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "xcart:too-deep", TOO_DEEP)).get();
        Order next = SampleOrders.variant("after-too-deep", "after-too-deep@example.com");
        long nextOffset = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                next.getOrderKey(), ORDERS.serialize("t", next))).get().offset();

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter("xcart:too-deep");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("internal");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("StackOverflowError");
        assertThat(awaitConfirmation(next.getOrderKey()).getAlreadyExisted()).isFalse();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            awaitTrue(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(P21SinkService.GROUP_ID)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > nextOffset;
            });
        }
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void shouldCommitEveryRecordOnceItsOutcomeIsDurable() throws Exception {
        Order order = SampleOrders.variant("committed", "committed@example.com");
        send(order.getOrderKey(), ORDERS.serialize("t", order));
        awaitConfirmation(order.getOrderKey());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<TopicPartition> partitions = IntStream.range(0, Topics.CANONICAL_ORDERS.partitions())
                    .mapToObj(p -> new TopicPartition(Topics.CANONICAL_ORDERS.name(), p)).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            awaitTrue(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(P21SinkService.GROUP_ID).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
        assertThat(sink.isRunning()).isTrue();
    }

    private static void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), key, value)).get();
    }

    private static OrderConfirmation awaitConfirmation(String orderKey) throws Exception {
        return awaitConfirmations(list -> list.stream().anyMatch(c -> c.getOrderKey().equals(orderKey))).stream()
                .filter(c -> c.getOrderKey().equals(orderKey)).findFirst().orElseThrow();
    }

    private static List<OrderConfirmation> awaitConfirmations(Predicate<List<OrderConfirmation>> done)
            throws Exception {
        awaitTrue(() -> done.test(read(confirmations)));
        return read(confirmations);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) throws Exception {
        awaitTrue(() -> deadLetters.stream().anyMatch(r -> key.equals(r.key())));
        return deadLetters.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private static List<OrderConfirmation> read(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> CONFIRMATIONS.deserialize(r.topic(), r.value())).toList();
    }

    /** Polls the output topics until {@code condition} holds, failing after the deadline. */
    private static void awaitTrue(Check condition) {
        Await.until("the sink's outputs", DEADLINE, () -> {
            if (condition.holds()) {
                return true;
            }
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                (record.topic().equals(Topics.DLQ_P21_SINK.name()) ? deadLetters : confirmations).add(record);
            }
            return false;
        }, () -> "confirmations " + confirmations.size() + ", dead letters " + deadLetters.size());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return DeadLetterHeaders.text(record.headers(), name).orElse(null);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
