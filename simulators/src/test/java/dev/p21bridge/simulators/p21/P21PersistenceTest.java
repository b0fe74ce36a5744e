package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static dev.p21bridge.simulators.p21.P21TestClient.resultEdit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class P21PersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepOrdersStockAndNumbersAcrossARestartWithTheSameDataDir() {
        P21SimulatorConfig config = P21SimulatorConfig.defaults().withPort(0).withDataDir(dataDir);
        String lastChange;
        try (P21Simulator first = new P21Simulator(config).start()) {
            P21TestClient client = new P21TestClient(first.url()).login();
            client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8"));
            client.post("/sim/inventory", Map.of("item_id", "BV-075-SWT", "location_id", "10", "qty_on_hand", "3.5"));
            lastChange = client.odata("inv_loc", "$orderby", "date_last_modified desc", "$top", "1").body()
                    .at("/value/0/date_last_modified").asText();
        }
        assertThat(dataDir.resolve("p21-simulator.json")).exists();
        assertThat(dataDir.resolve("p21-simulator.journal")).content().contains("xcart:10452");

        try (P21Simulator second = new P21Simulator(config).start()) {
            P21TestClient client = new P21TestClient(second.url()).login();

            assertThat(second.orders()).extracting(P21Order::webReferenceNo).containsExactly("xcart:10452");
            assertThat(client.get("/sim/inventory/BV-075-SWT").body().get(0).get("qty_on_hand").asText())
                    .isEqualTo("3.5");
            assertThat(client.get("/sim/inventory/HX-4410").body().get(0).get("qty_allocated").asText())
                    .isEqualTo("8");
            var next = client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
            assertThat(resultEdit(next.body(), 0, "TABPAGE_1.order", "order_no")).isEqualTo("1000002");
            String newest = client.odata("oe_hdr", "$filter", "order_no eq '1000002'").body()
                    .at("/value/0/date_last_modified").asText();
            assertThat(Instant.parse(newest)).isAfter(Instant.parse(lastChange));
        }
    }

    @Test
    void shouldKeepHoldsInvoicesReceiptsAndRmasAcrossARestart() {
        P21SimulatorConfig config = P21SimulatorConfig.defaults().withPort(0).withDataDir(dataDir);
        String orderNo;
        String heldNo;
        String rmaNo;
        try (P21Simulator first = new P21Simulator(config).start()) {
            P21TestClient client = new P21TestClient(first.url()).login();
            orderNo = resultEdit(client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8"))
                    .body(), 0, "TABPAGE_1.order", "order_no");
            Map<String, String> held = new java.util.LinkedHashMap<>(P21OrderTransactionTest.header());
            held.put("web_reference_no", "xcart:held");
            held.put("approved", "N");
            held.put("hold_reason", "Review");
            heldNo = resultEdit(client.transaction(orderSet(held, "HX-4410", "1")).body(), 0, "TABPAGE_1.order",
                    "order_no");
            client.post("/sim/shipments", Map.of("order_no", orderNo));
            client.post("/sim/invoices", Map.of("order_no", orderNo));
            var receipt = client.transaction(P21TestClient.receiptSet(Map.of("customer_id", "100100", "order_no",
                    orderNo, "payment_type_id", "CC", "receipt_amount", "50", "check_no", "txn-1")));
            first.voidPayment(resultEdit(receipt.body(), 0, "TABPAGE_1.receipt", "receipt_no"));
            client.transaction(P21TestClient.receiptSet(Map.of("customer_id", "100100", "order_no", orderNo,
                    "payment_type_id", "CC", "receipt_amount", "70", "check_no", "txn-2")));
            rmaNo = resultEdit(client.transaction(P21TestClient.rmaSet(P21RmaTest.header(orderNo, "r1"),
                    P21RmaTest.line("HX-4410", "2", "24.95"))).body(), 0, "TABPAGE_1.order", "order_no");
            first.receiveRma(rmaNo);
        }

        try (P21Simulator second = new P21Simulator(config).start()) {
            assertThat(second.orders()).filteredOn(o -> o.orderNo().equals(heldNo))
                    .singleElement().satisfies(o -> assertThat(o.holdReason()).isEqualTo("Review"));
            assertThat(second.invoices()).extracting(P21Invoice::orderNo, P21Invoice::adjustmentType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(orderNo, "I"),
                            org.assertj.core.groups.Tuple.tuple(rmaNo, "C"));
            assertThat(second.invoices().get(0).amountPaid()).isEqualByComparingTo("70");
            assertThat(second.payments()).extracting(P21Receipt::checkNo, P21Receipt::deleted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("txn-1", true),
                            org.assertj.core.groups.Tuple.tuple("txn-2", false));
            assertThat(second.rmas()).extracting(P21Order::orderNo, P21Order::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(rmaNo, "credited"));
            P21TestClient client = new P21TestClient(second.url()).login();
            var next = client.transaction(P21TestClient.receiptSet(Map.of("customer_id", "100100", "order_no",
                    orderNo, "payment_type_id", "CC", "receipt_amount", "1", "check_no", "txn-3")));
            String nextReceipt = resultEdit(next.body(), 0, "TABPAGE_1.receipt", "receipt_no");
            assertThat(second.payments()).extracting(P21Receipt::receiptNo).doesNotHaveDuplicates()
                    .contains(nextReceipt);

            client.post("/sim/reset", Map.of());

            assertThat(second.invoices()).isEmpty();
            assertThat(second.payments()).isEmpty();
            assertThat(second.rmas()).isEmpty();
            assertThat(client.get("/sim/invoices").body()).isEmpty();
            assertThat(client.get("/sim/payments").body()).isEmpty();
            assertThat(client.get("/sim/rmas").body()).isEmpty();
        }
    }

    @Test
    void shouldSaveWhileRunningWithoutWaitingForClose() throws Exception {
        P21SimulatorConfig config = P21SimulatorConfig.defaults().withPort(0).withDataDir(dataDir);
        try (P21Simulator simulator = new P21Simulator(config).start()) {
            new P21TestClient(simulator.url()).login()
                    .transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
            Path file = dataDir.resolve("p21-simulator.journal");

            Await.until("the order in the journal", Duration.ofSeconds(10),
                    () -> Files.exists(file) && Files.readString(file).contains("xcart:10452"));

            assertThat(Files.readString(file)).contains("xcart:10452");
            try (var files = Files.list(dataDir)) {
                assertThat(files).allMatch(p -> !p.getFileName().toString().endsWith(".tmp"));
            }
        }
    }
}
