package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.reconciliation.ReconciliationSerdes;
import dev.p21bridge.reconciliation.report.ReconciliationReader;
import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.ReconciliationDifference;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Invoice;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Receipt;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderReturn;
import dev.p21bridge.simulators.storefront.PaymentTransaction;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cash and returns end to end as {@code ./bridge up} runs them (docs/cash-and-returns.md): storefront captures
 * become P21 cash receipts once each and to the cent, some captured in two parts and some captured before their
 * order event arrives; P21 invoices reach both stores; returns become RMAs linked to their orders, and P21's credit
 * comes back as the store's return refunded with the credited amount.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class CashAndReturnsIntegrationTest {

    /**
     * Short retry delays: a payment that arrived before its order waits one level for it. No risk scoring: one buyer
     * places a dozen orders with two cards within seconds here, which the bundled risk rules hold for review by
     * design (docs/risk.md); holds have their own tests (RiskIntegrationTest, RiskHoldsIntegrationTest).
     */
    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_RETRY_DELAYS", "1s,2s,5s",
            "BRIDGE_P21_POLL_INVOICES", "1s", "BRIDGE_P21_POLL_RECEIPTS", "1s", "BRIDGE_RISK_SCORING", "off"));

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ORDERS_PER_STORE = 250;

    @Test
    void shouldRecordEveryCaptureOfFiveHundredOrdersInP21OnceAndToTheCent() throws InterruptedException {
        List<String> xcart = bridge.system().xcart().checkout(CheckoutRequest.of(ORDERS_PER_STORE)
                .withCapture(CheckoutRequest.Capture.MIXED));
        List<String> clarity = bridge.system().clarity().checkout(CheckoutRequest.of(ORDERS_PER_STORE)
                .withCapture(CheckoutRequest.Capture.MIXED));
        Map<String, List<BigDecimal>> captured = new HashMap<>();
        xcart.forEach(id -> captured.put("xcart:" + id, capturesOf(bridge.system().xcart(), id)));
        clarity.forEach(id -> captured.put("clarity:" + id, capturesOf(bridge.system().clarity(), id)));
        captured.values().removeIf(List::isEmpty);
        assertThat(captured).as("card orders captured by the stores").hasSizeGreaterThan(ORDERS_PER_STORE);
        assertThat(captured.values().stream().filter(c -> c.size() == 2).count())
                .as("orders captured in two parts").isGreaterThan(10);

        Await.until("every storefront capture recorded in P21", WAIT, () -> receiptsByOrder().keySet()
                .containsAll(captured.keySet()) && captured.entrySet().stream().allMatch(e ->
                receiptsByOrder().get(e.getKey()).size() >= e.getValue().size()),
                () -> "orders captured " + captured.size() + ", with receipts " + receiptsByOrder().size());

        Map<String, List<P21Receipt>> receipts = receiptsByOrder();
        for (Map.Entry<String, List<BigDecimal>> order : captured.entrySet()) {
            List<P21Receipt> recorded = receipts.get(order.getKey());
            assertThat(recorded).as("receipts of %s, one per capture", order.getKey())
                    .hasSameSizeAs(order.getValue());
            assertThat(recorded.stream().map(P21Receipt::receiptAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("P21's receipts of %s", order.getKey())
                    .isEqualByComparingTo(order.getValue().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        assertThat(bridge.system().p21().payments().stream().map(r -> r.description() + "/" + r.checkNo()))
                .as("one receipt per storefront transaction").doesNotHaveDuplicates();
        assertThat(receipts.keySet()).as("no receipt for an order that was not captured")
                .isSubsetOf(captured.keySet());

        // the reconciliation of these orders: nothing differs; then P21 loses one payment and books another twice
        Set<String> keys = new HashSet<>();
        xcart.forEach(id -> keys.add("xcart:" + id));
        clarity.forEach(id -> keys.add("clarity:" + id));
        Await.until("every order reconciled and balanced", WAIT, () -> reconciled(keys).size() == keys.size()
                && reconciled(keys).stream().allMatch(o -> o.getDifferences().isEmpty()), () -> unbalanced(keys).toString());
        List<String> paid = captured.keySet().stream().sorted().toList();
        String lost = paid.get(0);
        String doubled = paid.get(1);
        bridge.system().p21().voidPayment(receipts.get(lost).get(0).receiptNo());
        bridge.system().p21().duplicatePayment(receipts.get(doubled).get(0).receiptNo());

        Await.until("the report names exactly the two orders", WAIT, () -> unbalanced(keys).keySet()
                .equals(Set.of(lost, doubled)), () -> unbalanced(keys).toString());
        assertThat(unbalanced(keys).get(lost)).containsExactly(DifferenceReason.MISSING_IN_P21);
        assertThat(unbalanced(keys).get(doubled)).containsExactly(DifferenceReason.PAID_TWICE);
    }

    @Test
    void shouldDeadLetterAPaymentWhoseOrderNeverReachesP21AfterTheRetryLevels() throws Exception {
        PaymentCapture orphan = PaymentCapture.newBuilder().setOrderKey("xcart:99999999").setSource(Source.XCART)
                .setOrderId("99999999").setSourceEventId("evt-orphan-payment").setEventTime(Instant.now())
                .setCapturedAt(Instant.now()).setCurrency("USD").setKind(PaymentKind.CAPTURE)
                .setPayment(PaymentInfo.newBuilder().setMethod("Credit Card").setTransactionId("T-ORPHAN-1")
                        .setAmount(new BigDecimal("12.3400")).setStatus(PaymentStatus.PAID).setTerms(null)
                        .setPoNumber(null).build())
                .build();
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            byte[] value = new ConfluentAvroSerializer<>(new SchemaRegistryClient(bridge.system().registry().url()),
                    PaymentCapture.class).serialize("canonical.payments", orphan);
            producer.send(new ProducerRecord<>("canonical.payments", orphan.getOrderKey(), value)).get();
        }

        // retry delays 1 s, 2 s, 5 s here: the payment waits for its order through them, then gives up
        Await.until("the payment of an order P21 never had is a retries-exhausted dead letter", WAIT, () ->
                TopicReader.readToEnd(bridge.system().kafkaBootstrap(), "dlq.p21-sink", Duration.ofSeconds(2)).stream()
                        .anyMatch(r -> "xcart:99999999".equals(r.key())
                                && "retries-exhausted".equals(header(r, "dlq.error.class"))
                                && header(r, "dlq.error.message").contains("P21 has no sales order")));
        assertThat(bridge.system().p21().payments()).noneMatch(r -> "T-ORPHAN-1".equals(r.checkNo()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<OrderReconciliation> reconciled(Set<String> keys) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        ReconciliationReader reader = new ReconciliationReader(client, ReconciliationSerdes.confluent(
                new SchemaRegistryClient(bridge.system().registry().url())).reconciliations().deserializer());
        return reader.latest(ReconciliationReader.Progress.NONE).stream()
                .filter(order -> keys.contains(order.getOrderKey())).toList();
    }

    /** The orders of {@code keys} with differences, and the reasons. */
    private static Map<String, List<DifferenceReason>> unbalanced(Set<String> keys) {
        return reconciled(keys).stream().filter(order -> !order.getDifferences().isEmpty())
                .collect(Collectors.toMap(OrderReconciliation::getOrderKey, order -> order.getDifferences().stream()
                        .map(ReconciliationDifference::getReason).toList()));
    }

    @Test
    void shouldShowP21sInvoiceInBothStoresAndRefundReturnsWithP21sCredit() throws Exception {
        String xcartOrder = paidOrders(bridge.system().xcart(), CheckoutRequest.ofSku(1, "WSH-0375-Z", 5)
                .withRates(0.0, 0)).get(0);
        String clarityOrder = paidOrders(bridge.system().clarity(), CheckoutRequest.ofSku(1, "WSH-0375-Z", 5)
                .withRates(0.0, 0)).get(0);
        P21Order inXCart = awaitP21Order("xcart:" + xcartOrder);
        P21Order inClarity = awaitP21Order("clarity:" + clarityOrder);
        ship(inXCart.orderNo());
        ship(inClarity.orderNo());

        P21Invoice xcartInvoice = bridge.system().p21().invoice(inXCart.orderNo());
        bridge.system().p21().invoice(inClarity.orderNo());

        // the invoice poll runs every second here: "within the poll interval plus 5 s"
        Await.until("the X-Cart order shows P21's invoice number", Duration.ofSeconds(6), () -> xcartInvoice.invoiceNo()
                .equals(bridge.system().xcart().order(xcartOrder).orElseThrow().order().cash().detail("p21_invoice_no")));
        Await.until("the Clarity order shows Completed", Duration.ofSeconds(6), () -> "Completed".equals(
                bridge.system().clarity().order(clarityOrder).orElseThrow().status()));

        CashDesk.Opened xcartReturn = bridge.system().xcart().cash().openReturn(xcartOrder,
                returnOf("WSH-0375-Z", 2));
        CashDesk.Opened clarityReturn = bridge.system().clarity().cash().openReturn(clarityOrder,
                returnOf("WSH-0375-Z", 5));
        List<P21Order> rmas = new ArrayList<>(awaitRmas(List.of(inXCart.orderNo(), inClarity.orderNo())));
        rmas.sort(java.util.Comparator.comparing(rma -> rma.originalOrderNo().equals(inXCart.orderNo()) ? 0 : 1));
        for (P21Order rma : rmas) {
            bridge.system().p21().receiveRma(rma.orderNo());
        }

        awaitRefunded(bridge.system().xcart(), xcartOrder, xcartReturn.opened().number(), credit(rmas.get(0)));
        awaitRefunded(bridge.system().clarity(), clarityOrder, clarityReturn.opened().number(), credit(rmas.get(1)));
        // the store's refund comes back as a negative receipt: the money paid back is in P21 too
        Await.until("the refunds are recorded in P21", WAIT, () -> receiptsByOrder().getOrDefault(
                "xcart:" + xcartOrder, List.of()).stream().anyMatch(r -> r.receiptAmount().signum() < 0));
    }

    @Test
    void shouldMakeOneRmaPerReturnOfAHundredAndNoneForAReturnOfMoreThanWasSold() throws Exception {
        List<String> orders = paidOrders(bridge.system().xcart(), CheckoutRequest.ofSku(50, "HX-4410", 3));
        List<String> more = paidOrders(bridge.system().clarity(), CheckoutRequest.ofSku(50, "HX-4410", 3));
        List<String> keys = new ArrayList<>();
        orders.forEach(id -> keys.add("xcart:" + id));
        more.forEach(id -> keys.add("clarity:" + id));
        Map<String, P21Order> p21 = new HashMap<>();
        for (String key : keys) {
            P21Order order = awaitP21Order(key);
            ship(order.orderNo());
            p21.put(key, order);
        }
        for (int i = 0; i < orders.size(); i++) {
            // whole returns and partial ones
            bridge.system().xcart().cash().openReturn(orders.get(i), returnOf("HX-4410", i % 2 == 0 ? 3 : 1));
            bridge.system().clarity().cash().openReturn(more.get(i), returnOf("HX-4410", i % 2 == 0 ? 1 : 3));
        }
        List<P21Order> rmas = awaitRmas(p21.values().stream().map(P21Order::orderNo).toList());

        assertThat(rmas).hasSize(100);
        assertThat(rmas.stream().map(P21Order::webReferenceNo)).doesNotHaveDuplicates()
                .allSatisfy(reference -> assertThat(keys).anyMatch(key -> reference.startsWith(key + ":")));
        assertThat(bridge.system().p21().rmas().stream().filter(rma -> rma.webReferenceNo().startsWith(
                "xcart:" + orders.get(0) + ":")).findFirst().orElseThrow().lines().get(0).qtyOrdered())
                .isEqualByComparingTo("3");
        for (P21Order rma : rmas) {
            bridge.system().p21().receiveRma(rma.orderNo());
        }
        for (P21Order rma : rmas) {
            String[] reference = rma.webReferenceNo().split(":");
            StorefrontSimulator store = reference[0].equals("xcart") ? bridge.system().xcart()
                    : bridge.system().clarity();
            awaitRefundedWith(store, reference[1], credit(rma));
        }

        // a buggy store asking back more than it sold: a dead letter, no RMA
        bridge.system().xcart().cash().openReturn(orders.get(1), new CashDesk.ReturnRequest(
                List.of(new CashDesk.ReturnRequest.Line("HX-4410", 7)), "too many", null, true));
        Await.until("the over-return is a dead letter", WAIT, () -> TopicReader.readToEnd(
                bridge.system().kafkaBootstrap(), "dlq.p21-sink", Duration.ofSeconds(2)).stream()
                .map(r -> r.headers().lastHeader("dlq.error.message"))
                .anyMatch(h -> h != null && new String(h.value(), StandardCharsets.UTF_8)
                        .contains("returns 7 of item HX-4410")));
        assertThat(bridge.system().p21().rmas()).hasSize(100 + otherTestsRmas());
    }

    private static int otherTestsRmas() {
        return (int) bridge.system().p21().rmas().stream().filter(r -> r.lines().stream()
                .noneMatch(l -> l.itemId().equalsIgnoreCase("HX-4410"))).count();
    }

    private static void ship(String orderNo) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.system().p21().url()
                        + "/sim/shipments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order_no\":\"" + orderNo
                        + "\",\"carrier_id\":\"UPS\",\"tracking_no\":\"1Z-" + orderNo + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static CashDesk.ReturnRequest returnOf(String sku, int quantity) {
        return new CashDesk.ReturnRequest(List.of(new CashDesk.ReturnRequest.Line(sku, quantity)), "Damaged", null,
                false);
    }

    /** Checks out card orders whose whole total the store then captures, so a return has money to refund. */
    private static List<String> paidOrders(StorefrontSimulator store, CheckoutRequest request) {
        List<String> ids = store.checkout(request.withCapture(CheckoutRequest.Capture.NONE));
        ids.forEach(id -> store.cash().capture(id, null));
        return ids;
    }

    /** The order's one return refunded with P21's credit for it. */
    private static void awaitRefundedWith(StorefrontSimulator store, String orderId, BigDecimal credit)
            throws InterruptedException {
        Await.until("the return of " + orderId + " refunded with P21's credit " + credit, WAIT, () -> store
                .order(orderId).orElseThrow().order().cash().returns().stream().allMatch(r -> r.hasRefund()
                        && r.refunded().compareTo(credit) == 0));
    }

    /** What P21 credited for an RMA: its credit memo's total, positive. */
    private static BigDecimal credit(P21Order rma) {
        return bridge.system().p21().invoices().stream().filter(i -> i.creditMemo() && i.orderNo().equals(rma.orderNo()))
                .findFirst().orElseThrow(() -> new AssertionError("no credit memo for RMA " + rma.orderNo()))
                .totalAmount().abs();
    }

    private static void awaitRefunded(StorefrontSimulator store, String orderId, long returnNumber, BigDecimal amount)
            throws InterruptedException {
        Await.until("return " + returnNumber + " of " + orderId + " refunded with " + amount, WAIT, () -> {
            OrderReturn opened = store.order(orderId).orElseThrow().order().cash().returns().stream()
                    .filter(r -> r.number() == returnNumber).findFirst().orElseThrow();
            return opened.hasRefund() && opened.refunded().compareTo(amount) == 0;
        });
    }

    private static List<BigDecimal> capturesOf(StorefrontSimulator store, String orderId) {
        return store.order(orderId).orElseThrow().order().cash().payments().stream()
                .filter(p -> p.kind() == PaymentTransaction.Kind.CAPTURE).map(PaymentTransaction::amount).toList();
    }

    private static Map<String, List<P21Receipt>> receiptsByOrder() {
        return bridge.system().p21().payments().stream().filter(r -> !r.deleted())
                .collect(Collectors.groupingBy(P21Receipt::description));
    }

    private static List<P21Order> awaitRmas(List<String> orderNos) throws InterruptedException {
        Await.until("an RMA for each of " + orderNos.size() + " orders", WAIT, () -> rmasOf(orderNos).size()
                >= orderNos.size());
        return rmasOf(orderNos);
    }

    private static List<P21Order> rmasOf(List<String> orderNos) {
        return bridge.system().p21().rmas().stream().filter(rma -> orderNos.contains(rma.originalOrderNo())).toList();
    }

    private static P21Order awaitP21Order(String reference) throws InterruptedException {
        Await.until("P21 order of " + reference, WAIT, () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals(reference)));
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(reference))
                .findFirst().orElseThrow();
    }
}
