package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Customer;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21OrderLine;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order flow end to end on a real broker: storefront simulators deliver signed webhooks to the ingress, the
 * transformer and the p21-sink take them to the P21 simulator. Everything runs as {@code ./bridge up} runs it.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderFlowIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldCreateOneSalesOrderPerStorefrontOrderDespiteRedeliveriesAndRepeatedCreates() throws Exception {
        int before = bridge.system().p21().orders().size();
        CheckoutRequest request = CheckoutRequest.of(500).withRates(0.10, 0.01);
        List<String> xcartIds = bridge.system().xcart().checkout(request);
        List<String> clarityIds = bridge.system().clarity().checkout(request);
        assertThat(xcartIds).hasSize(500);
        assertThat(clarityIds).hasSize(500);

        Await.until(Duration.ofMinutes(3), () -> bridge.system().p21().orders().size() >= before + 1_000,
                () -> "P21 orders: " + bridge.system().p21().orders().size() + ", p21-sink lag: " + sinkLag());
        Await.until(Duration.ofMinutes(1), OrderFlowIntegrationTest::sinkCaughtUp,
                () -> "p21-sink lag: " + sinkLag() + ", P21 orders: " + bridge.system().p21().orders().size());

        Map<String, P21Order> byReference = new HashMap<>();
        for (P21Order order : bridge.system().p21().orders()) {
            assertThat(byReference.put(order.webReferenceNo(), order)).as("duplicate web_reference_no %s",
                    order.webReferenceNo()).isNull();
        }
        Map<Long, P21Customer> customers = bridge.system().p21().customers().stream()
                .collect(Collectors.toMap(P21Customer::customerId, c -> c));
        assertOrdersMatch(bridge.system().xcart(), "xcart", xcartIds, byReference, customers);
        assertOrdersMatch(bridge.system().clarity(), "clarity", clarityIds, byReference, customers);

        Map<String, OrderConfirmation> confirmations = confirmations();
        for (String id : xcartIds) {
            OrderConfirmation confirmation = confirmations.get("xcart:" + id);
            assertThat(confirmation).as("confirmation of xcart:%s", id).isNotNull();
            assertThat(confirmation.getP21OrderNo()).isEqualTo(byReference.get("xcart:" + id).orderNo());
        }
        for (String id : clarityIds) {
            assertThat(confirmations).containsKey("clarity:" + id);
        }
    }

    @Test
    void shouldCreateTheSampleOrdersWithEveryMappedValue() throws Exception {
        post("xcart", "xcart/order.created.json");
        post("clarity", "clarity/order.created.json");
        Await.until(Duration.ofSeconds(60), () -> find("xcart:10452") != null && find("clarity:CL-2026-000981") != null);

        P21Order xcart = find("xcart:10452");
        P21Customer dana = customer(xcart.customerId());
        assertThat(dana.emailAddress()).isEqualTo("dana.whitfield@example.com");
        assertThat(dana.firstName()).isEqualTo("Dana");
        assertThat(dana.lastName()).isEqualTo("Whitfield");
        assertThat(xcart.poNo()).isEqualTo("10452");
        assertThat(xcart.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(xcart.requestedDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(xcart.salesLocId()).isEqualTo(10);
        assertThat(xcart.sourceLocId()).isEqualTo(10);
        assertThat(xcart.taker()).isEqualTo("WEB");
        assertThat(xcart.shipTo().city()).isEqualTo("Austin");
        assertThat(xcart.lines()).extracting(P21OrderLine::itemId).containsExactly("HX-4410", "WSH-0375-Z", "WEB-DISCOUNT");
        assertThat(xcart.lines()).extracting(l -> l.qtyOrdered().stripTrailingZeros().toPlainString()).containsExactly("8", "10", "1");
        assertThat(xcart.lines()).extracting(l -> l.unitPrice().setScale(2).toPlainString()).containsExactly("24.95", "18.20", "-13.27");
        assertThat(xcart.freightOut()).isEqualByComparingTo("14.50");
        assertThat(xcart.taxAmount()).isEqualByComparingTo("30.39");
        assertThat(xcart.merchandise()).isEqualByComparingTo("381.60");
        assertThat(xcart.discount()).isEqualByComparingTo("13.27");
        assertThat(xcart.total()).as("what P21 invoices for the X-Cart sample").isEqualByComparingTo("413.22");
        assertThat(xcart.shipVia()).isEqualTo("UPSG");
        assertThat(xcart.notes()).isEqualTo("Leave at dock 4");

        P21Order clarity = find("clarity:CL-2026-000981");
        P21Customer maria = customer(clarity.customerId());
        assertThat(maria.emailAddress()).isEqualTo("mj.nunez@example.org");
        assertThat(maria.firstName()).isEqualTo("María");
        assertThat(maria.lastName()).isEqualTo("José Núñez Ortega");
        assertThat(clarity.poNo()).isEqualTo("PO-88123");
        assertThat(clarity.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(clarity.shipTo().city()).isEqualTo("Chicago");
        assertThat(clarity.lines()).extracting(P21OrderLine::itemId).containsExactly("HX-4410", "PVC-SCH40-075-10", "BV-075-SWT");
        assertThat(clarity.lines()).extracting(l -> l.qtyOrdered().stripTrailingZeros().toPlainString()).containsExactly("12", "40", "24");
        assertThat(clarity.linesTotal()).isEqualByComparingTo("1224.20");
        assertThat(clarity.freightOut()).isEqualByComparingTo("18.00");
        assertThat(clarity.taxAmount()).isEqualByComparingTo("125.49");
        assertThat(clarity.total()).isEqualByComparingTo("1367.69");
    }

    private static void assertOrdersMatch(StorefrontSimulator storefront, String source, List<String> ids,
                                          Map<String, P21Order> byReference, Map<Long, P21Customer> customers) {
        for (String id : ids) {
            Order placed = storefront.order(id).orElseThrow().order();
            P21Order created = byReference.get(source + ":" + id);
            assertThat(created).as("P21 order for %s:%s", source, id).isNotNull();
            assertThat(customers.get(created.customerId()).emailAddress())
                    .isEqualTo(placed.customer().email().trim().toLowerCase(Locale.ROOT));
            List<P21OrderLine> items = created.lines().stream().filter(l -> !l.otherCharge()).toList();
            assertThat(items).hasSameSizeAs(placed.lines());
            for (int i = 0; i < placed.lines().size(); i++) {
                OrderLine want = placed.lines().get(i);
                P21OrderLine got = items.get(i);
                assertThat(got.itemId()).isEqualTo(want.sku().trim().toUpperCase(Locale.ROOT));
                assertThat(got.qtyOrdered()).isEqualByComparingTo(BigDecimal.valueOf(want.quantity()));
                assertThat(got.unitPrice()).isEqualByComparingTo(want.price());
            }
            assertThat(created.merchandise()).isEqualByComparingTo(placed.subtotal());
            assertThat(created.discount()).isEqualByComparingTo(placed.discount());
            assertThat(created.freightOut()).isEqualByComparingTo(placed.shipping());
            assertThat(created.taxAmount()).isEqualByComparingTo(placed.tax());
            assertThat(created.total()).isEqualByComparingTo(placed.total());
        }
    }

    private static boolean sinkCaughtUp() {
        Map<TopicPartition, Long> lag = sinkLag();
        return lag != null && lag.values().stream().allMatch(l -> l == 0);
    }

    /**
     * Records of canonical.orders the p21-sink has not committed yet, per partition; null when unknown. Counted up to
     * the last record, not the end offset: the transformer writes transactionally, and a commit marker after the last
     * record is never consumed.
     */
    private static Map<TopicPartition, Long> sinkLag() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bridge.system().kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("p21-sink")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> lag = new HashMap<>();
            lastRecordOffsets(Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_ORDERS.partitions()).forEach((partition, last) ->
                    lag.put(partition, Math.max(0, last + 1
                            - (committed.containsKey(partition) ? committed.get(partition).offset() : 0))));
            return lag;
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<TopicPartition, Long> lastRecordOffsets(String topic, int partitionCount) {
        Map<TopicPartition, Long> last = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            last.put(new TopicPartition(topic, p), -1L);
        }
        TopicReader.readToEnd(bridge.system().kafkaBootstrap(), topic, Duration.ofSeconds(30)).forEach(r ->
                last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
        return last;
    }

    private static Map<String, OrderConfirmation> confirmations() {
        Map<String, OrderConfirmation> confirmations = new HashMap<>();
        try (KafkaConsumer<String, OrderConfirmation> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bridge.system().kafkaBootstrap(), "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(bridge.system().registry().url()),
                        OrderConfirmation.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.CANONICAL_ORDER_CONFIRMATIONS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), p));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, OrderConfirmation> record : consumer.poll(Duration.ofMillis(200))) {
                    confirmations.putIfAbsent(record.key(), record.value());
                }
            }
        }
        return confirmations;
    }

    private static P21Order find(String reference) {
        return bridge.system().p21().orders().stream().filter(o -> reference.equals(o.webReferenceNo()))
                .findFirst().orElse(null);
    }

    private static P21Customer customer(long id) {
        return bridge.system().p21().customers().stream().filter(c -> c.customerId() == id).findFirst().orElseThrow();
    }

    private static void post(String source, String sample) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = OrderFlowIntegrationTest.class.getResourceAsStream("/samples/" + sample)) {
            body = in.readAllBytes();
        }
        String secret = source.equals("xcart") ? BridgeSystem.XCART_DEV_SECRET : BridgeSystem.CLARITY_DEV_SECRET;
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + bridge.system().ingress().port() + "/webhooks/" + source))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", "sample-" + sample)
                .header("X-Webhook-Event", "order.created")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
