package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.orders.FirstCreate;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 23's "one call per order", counted at a stub P21 on a real broker: once the sink has read P21's customer
 * table into {@code bridge.p21-customer-ids}, a new order (marked {@code first-create} by the transformer) of a
 * known buyer is one create and nothing else, a new buyer costs one customer create, and after a restart the known
 * buyers still cost no look-up and the table is not read again.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class P21SinkCallsIntegrationTest {

    private static final AvroTestSerde<Order> ORDER_SERDE = new AvroTestSerde<>(Order.class);
    private static final AvroTestSerde<Customer> CUSTOMER_SERDE = new AvroTestSerde<>(Customer.class);

    private static StubP21 p21;
    private static String bootstrap;
    private static KafkaProducer<String, byte[]> producer;
    private static SinkOutputs outputs;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        p21 = new StubP21();
        for (int i = 0; i < 5; i++) {
            p21.seedCustomer(Map.of("customer_name", "Known " + i, "email_address", "known" + i + "@example.com"));
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {producer, outputs, p21}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void shouldCreateANewOrderWithOneCallAndANewBuyerWithOneMoreAlsoAfterARestart() {
        List<String> expected = new ArrayList<>();
        try (P21SinkService sink = startSink()) {
            outputs = new SinkOutputs(bootstrap); // after the sink created the topics it reads
            awaitDirectoryComplete();
            assertThat(p21.customerScans.get()).as("pages of the customer table").isEqualTo(1);
            int reads = p21.odataCalls.get();

            for (int i = 0; i < 20; i++) {
                expected.add(sendOrder("calls-" + i, "known" + (i % 5) + "@example.com"));
            }
            for (int i = 0; i < 5; i++) {
                String email = "new" + i + "@example.com";
                sendAnnouncedBuyer(email, "xcart:calls-new-" + i);
                expected.add(sendOrder("calls-new-" + i, email));
            }
            awaitConfirmed(expected);

            assertThat(p21.orderTransactions.get()).as("order creates").isEqualTo(25);
            assertThat(p21.customerTransactions).as("customer creates").hasSize(5)
                    .allSatisfy(edits -> assertThat(edits.get("email_address")).startsWith("new"));
            assertThat(p21.odataCalls.get() - reads).as("look-ups before or after the creates").isZero();
        }

        int scans = p21.customerScans.get();
        try (P21SinkService restarted = startSink()) {
            // an order sent before the restarted sink has its partitions may have been read before: it is looked up
            expected.add(sendOrder("calls-after-restart", "known0@example.com"));
            awaitConfirmed(expected);
            int reads = p21.odataCalls.get();
            for (int i = 0; i < 10; i++) {
                String email = i % 2 == 0 ? "known" + (i % 5) + "@example.com" : "new" + (i % 5) + "@example.com";
                expected.add(sendOrder("calls-after-" + i, email));
            }
            awaitConfirmed(expected);
            assertThat(p21.orderTransactions.get()).as("order creates").isEqualTo(36);
            assertThat(p21.customerTransactions).as("no customer created again").hasSize(5);
            assertThat(p21.odataCalls.get() - reads).as("look-ups after the restart").isZero();
            assertThat(p21.customerScans.get()).as("the customer table is not read again").isEqualTo(scans);
        }
        for (String key : expected) {
            assertThat(p21.ordersWithReference(key)).as(key).hasSize(1);
        }
        assertThat(outputs.deadLetters("xcart:calls-")).isEmpty();
    }

    private static P21SinkService startSink() {
        P21Config config = P21Config.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", bootstrap,
                "BRIDGE_P21_URL", p21.baseUrl().toString(),
                "BRIDGE_P21_PASSWORD", "secret",
                "BRIDGE_RETRY_DELAYS", "200ms,400ms,800ms")));
        return new P21SinkService(config, new SimpleMeterRegistry(), new P21SinkSerdes(ORDER_SERDE, CUSTOMER_SERDE,
                new AvroTestSerde<>(PaymentCapture.class), new AvroTestSerde<>(ReturnRequest.class),
                new AvroTestSerde<>(OrderConfirmation.class),
                new AvroTestSerde<>(OrderStatus.class)), Clock.systemUTC()).start();
    }

    /** A new order, as the transformer writes it: placed now and vouched for as the first of its key. */
    private static String sendOrder(String orderId, String email) {
        Order order = Order.newBuilder(SampleOrders.variant(orderId, email)).setEventTime(Instant.now())
                .setOrderDate(Instant.now()).build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(),
                order.getOrderKey(), ORDER_SERDE.serialize("t", order));
        FirstCreate.mark(record.headers());
        producer.send(record);
        producer.flush();
        return order.getOrderKey();
    }

    /** The buyer the transformer announces with a new order, which the customer path creates when P21 lacks it. */
    private static void sendAnnouncedBuyer(String email, String orderKey) {
        Customer buyer = Customer.newBuilder().setEmail(email).setSource(Source.XCART).setSourceEventId("c-" + email)
                .setChangeType(ChangeType.CREATED).setEventTime(Instant.now()).setChangedAt(Instant.now())
                .setFirstName("New").setLastName("Buyer").setAnnouncedBy(orderKey).build();
        producer.send(new ProducerRecord<>(Topics.CANONICAL_CUSTOMERS.name(), email,
                CUSTOMER_SERDE.serialize("t", buyer)));
        producer.flush();
    }

    private static void awaitConfirmed(List<String> keys) {
        outputs.await(Duration.ofSeconds(60), keys.size() + " confirmations", o -> o.confirmed("xcart:calls-").stream()
                .map(OrderConfirmation::getOrderKey).distinct().count() == keys.size());
    }

    private static void awaitDirectoryComplete() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = Topics.P21_CUSTOMER_IDS.name();
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            List<String> keys = new ArrayList<>();
            Await.until("the customer directory marked complete", Duration.ofSeconds(30), () -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    keys.add(record.key() + "=" + new String(record.value(), StandardCharsets.UTF_8));
                }
                return keys.stream().anyMatch(k -> k.startsWith(P21CustomerDirectory.COMPLETE + "="));
            }, () -> "read " + keys.size() + " records");
            assertThat(keys).filteredOn(k -> k.startsWith("known")).hasSize(5);
        }
    }
}
