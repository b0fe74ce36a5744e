package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static dev.p21bridge.simulators.p21.P21TestClient.receiptSet;
import static dev.p21bridge.simulators.p21.P21TestClient.resultEdit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invoices ({@code POST /sim/invoices}, {@code invoice_hdr}) and cash receipts ({@code CashReceipt}, {@code ar_receipts}). */
class P21CashReceiptTest {

    /** The sample order's total: 8 x 24.95 + 14.50 freight + 30.39 tax. */
    private static final String TOTAL = "244.49";

    private static P21Simulator p21;
    private static P21TestClient client;

    @BeforeAll
    static void start() {
        p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
        client = new P21TestClient(p21.url()).login();
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @BeforeEach
    void reset() {
        assertThat(client.post("/sim/reset", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void shouldInvoiceAShippedOrderForItsTotal() {
        String orderNo = shippedOrder();

        Answer answer = client.post("/sim/invoices", Map.of("order_no", orderNo));

        assertThat(answer.status()).isEqualTo(201);
        JsonNode row = client.odata("invoice_hdr", "$filter", "order_no eq '" + orderNo + "'").body().at("/value/0");
        assertThat(row.get("invoice_no").asText()).isEqualTo(answer.body().get("invoice_no").asText());
        assertThat(row.get("customer_id").asLong()).isEqualTo(100100);
        assertThat(row.get("total_amount").decimalValue()).isEqualByComparingTo(TOTAL);
        assertThat(row.get("tax_amount").decimalValue()).isEqualByComparingTo("30.39");
        assertThat(row.get("freight_amount").decimalValue()).isEqualByComparingTo("14.50");
        assertThat(row.get("amount_paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(row.get("paid_in_full_flag").asText()).isEqualTo("N");
        assertThat(row.get("invoice_adjustment_type").asText()).isEqualTo("I");
        assertThat(row.has("web_reference_no")).isFalse();
        assertThat(orderStatus(orderNo)).isEqualTo("invoiced");
        JsonNode listed = client.get("/sim/invoices").body().get(0);
        assertThat(listed.get("web_reference_no").asText()).isEqualTo("xcart:10452");
        assertThat(listed.get("kind").asText()).isEqualTo("invoice");
        assertThat(listed.get("paid_in_full").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseToInvoiceAnUnknownUnshippedOrAlreadyInvoicedOrder() {
        String open = createOrder();
        String shipped = shippedOrder();
        client.post("/sim/invoices", Map.of("order_no", shipped));

        assertThat(client.post("/sim/invoices", Map.of("order_no", "999")).status()).isEqualTo(404);
        assertThat(client.post("/sim/invoices", Map.of("order_no", open)).status()).isEqualTo(409);
        assertThat(client.post("/sim/invoices", Map.of("order_no", shipped)).status()).isEqualTo(409);
    }

    @Test
    void shouldEnterACashReceiptAndAnswerItsNumber() {
        String orderNo = createOrder();

        Answer answer = client.transaction(receiptSet(receipt(orderNo, "100.00", "txn-1")));

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        String receiptNo = resultEdit(answer.body(), 0, "TABPAGE_1.receipt", "receipt_no");
        assertThat(receiptNo).isNotBlank();
        JsonNode row = client.odata("ar_receipts", "$filter", "check_no eq 'txn-1'").body().at("/value/0");
        assertThat(row.get("receipt_no").asText()).isEqualTo(receiptNo);
        assertThat(row.get("order_no").asText()).isEqualTo(orderNo);
        assertThat(row.get("receipt_amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(row.get("description").asText()).isEqualTo("xcart:10452");
        assertThat(row.get("payment_type_id").asText()).isEqualTo("CC");
        assertThat(row.get("delete_flag").asText()).isEqualTo("N");
        JsonNode payment = client.get("/sim/payments").body().get(0);
        assertThat(payment.get("web_reference_no").asText()).isEqualTo("xcart:10452");
        assertThat(payment.get("transaction_id").asText()).isEqualTo("txn-1");
        assertThat(payment.get("method").asText()).isEqualTo("CC");
        assertThat(payment.get("amount").asText()).isEqualTo("100.00");
    }

    @Test
    void shouldRejectAReceiptForAnUnknownOrderOrCustomerOrAZeroOrNonNumericAmount() {
        String orderNo = createOrder();
        Map<String, String> unknownCustomer = receipt(orderNo, "10", "a");
        unknownCustomer.put("customer_id", "42");

        assertRejected(receipt("999", "10", "b"), "Order No 999 not found");
        assertRejected(unknownCustomer, "Customer ID 42 not found");
        assertRejected(receipt(orderNo, "0.00", "c"), "must not be zero");
        assertRejected(receipt(orderNo, "ten", "d"), "not a valid amount");
        assertThat(client.get("/sim/payments").body()).isEmpty();
    }

    @Test
    void shouldCountReceiptsEnteredBeforeTheInvoiceAndRaiseAmountPaidAfterIt() {
        String orderNo = shippedOrder();
        client.transaction(receiptSet(receipt(orderNo, "100.00", "txn-1")));
        String invoiceNo = client.post("/sim/invoices", Map.of("order_no", orderNo)).body().get("invoice_no").asText();
        assertThat(invoice(invoiceNo).get("amount_paid").decimalValue()).isEqualByComparingTo("100.00");
        Instant before = Instant.parse(invoice(invoiceNo).get("date_last_modified").asText());

        client.transaction(receiptSet(receipt(orderNo, "144.49", "txn-2")));

        JsonNode row = invoice(invoiceNo);
        assertThat(row.get("amount_paid").decimalValue()).isEqualByComparingTo(TOTAL);
        assertThat(row.get("paid_in_full_flag").asText()).isEqualTo("Y");
        assertThat(Instant.parse(row.get("date_last_modified").asText())).isAfter(before);
        JsonNode second = client.odata("ar_receipts", "$filter", "check_no eq 'txn-2'").body().at("/value/0");
        assertThat(second.get("invoice_no").asText()).isEqualTo(invoiceNo);
    }

    @Test
    void shouldLowerAmountPaidWithARefundPaidBack() {
        String orderNo = shippedOrder();
        String invoiceNo = client.post("/sim/invoices", Map.of("order_no", orderNo)).body().get("invoice_no").asText();
        client.transaction(receiptSet(receipt(orderNo, TOTAL, "txn-1")));

        client.transaction(receiptSet(receipt(orderNo, "-44.49", "refund-1")));

        assertThat(invoice(invoiceNo).get("amount_paid").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(invoice(invoiceNo).get("paid_in_full_flag").asText()).isEqualTo("N");
    }

    @Test
    void shouldVoidAReceiptAsAP21UserWouldAndLowerAmountPaid() {
        String orderNo = shippedOrder();
        String invoiceNo = client.post("/sim/invoices", Map.of("order_no", orderNo)).body().get("invoice_no").asText();
        String receiptNo = enter(receipt(orderNo, TOTAL, "txn-1"));
        Instant before = Instant.parse(receiptRow(receiptNo).get("date_last_modified").asText());

        P21Receipt voided = p21.voidPayment(receiptNo);

        assertThat(voided.deleted()).isTrue();
        JsonNode row = receiptRow(receiptNo);
        assertThat(row.get("delete_flag").asText()).isEqualTo("Y");
        assertThat(Instant.parse(row.get("date_last_modified").asText())).isAfter(before);
        assertThat(invoice(invoiceNo).get("amount_paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(client.get("/sim/payments").body()).isEmpty();
        assertThat(client.post("/sim/payments/" + receiptNo + "/void", Map.of()).status()).isEqualTo(409);
        assertThat(client.post("/sim/payments/999/void", Map.of()).status()).isEqualTo(404);
        assertThatThrownBy(() -> p21.voidPayment(receiptNo)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldVoidThroughTheControlRoute() {
        String orderNo = createOrder();
        String receiptNo = enter(receipt(orderNo, "10", "txn-1"));

        Answer answer = client.post("/sim/payments/" + receiptNo + "/void", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("deleted").asBoolean()).isTrue();
        assertThat(p21.payments()).extracting(P21Receipt::deleted).containsExactly(true);
    }

    @Test
    void shouldDuplicateAReceiptAsADoubleEntryWouldAndCountItTwice() {
        String orderNo = shippedOrder();
        String invoiceNo = client.post("/sim/invoices", Map.of("order_no", orderNo)).body().get("invoice_no").asText();
        String receiptNo = enter(receipt(orderNo, "100.00", "txn-1"));

        P21Receipt copy = p21.duplicatePayment(receiptNo);
        Answer routed = client.post("/sim/payments/" + receiptNo + "/duplicate", Map.of());

        assertThat(copy.receiptNo()).isNotEqualTo(receiptNo);
        assertThat(routed.status()).isEqualTo(201);
        assertThat(client.odata("ar_receipts", "$filter", "check_no eq 'txn-1'", "$count", "true").body()
                .get("@odata.count").asInt()).isEqualTo(3);
        assertThat(invoice(invoiceNo).get("amount_paid").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(client.get("/sim/payments").body()).hasSize(3);
        assertThat(client.post("/sim/payments/999/duplicate", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void shouldCommitTheReceiptAndStillAnswer500UnderCommitThenFail() {
        String orderNo = createOrder();
        client.post("/sim/faults", Map.of("commitThenFailRate", 1.0));

        Answer answer = client.transaction(receiptSet(receipt(orderNo, "10", "txn-1")));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(p21.payments()).extracting(P21Receipt::checkNo).containsExactly("txn-1");
    }

    @Test
    void shouldServeTheNewTablesWithTheUsualQueryOptionsAndRefuseAnUnknownColumn() {
        String orderNo = shippedOrder();
        client.post("/sim/invoices", Map.of("order_no", orderNo));
        enter(receipt(orderNo, "5", "t1"));
        enter(receipt(orderNo, "6", "t2"));

        JsonNode page = client.odata("ar_receipts", "$select", "receipt_no,receipt_amount", "$orderby",
                "receipt_amount desc", "$top", "1", "$skip", "0", "$count", "true").body();
        assertThat(page.get("@odata.count").asInt()).isEqualTo(2);
        assertThat(page.at("/value/0/receipt_amount").decimalValue()).isEqualByComparingTo("6");
        assertThat(page.at("/value/0").size()).isEqualTo(2);
        assertThat(client.odata("invoice_hdr", "$select", "invoice_no,paid_in_full_flag").status()).isEqualTo(200);
        assertThat(client.odata("invoice_hdr", "$select", "web_reference_no").status()).isEqualTo(400);
        assertThat(client.odata("ar_receipts", "$select", "nope").status()).isEqualTo(400);
    }

    static String createOrder() {
        Answer answer = client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8"));
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        return resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no");
    }

    private static String shippedOrder() {
        String orderNo = createOrder();
        assertThat(client.post("/sim/shipments", Map.of("order_no", orderNo)).status()).isEqualTo(201);
        return orderNo;
    }

    private static Map<String, String> receipt(String orderNo, String amount, String checkNo) {
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("customer_id", "100100");
        edits.put("order_no", orderNo);
        edits.put("payment_type_id", "CC");
        edits.put("receipt_amount", amount);
        edits.put("check_no", checkNo);
        edits.put("description", "xcart:10452");
        edits.put("receipt_date", "2026-11-21");
        return edits;
    }

    private static String enter(Map<String, String> edits) {
        Answer answer = client.transaction(receiptSet(edits));
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        return resultEdit(answer.body(), 0, "TABPAGE_1.receipt", "receipt_no");
    }

    private static void assertRejected(Map<String, String> edits, String message) {
        Answer answer = client.transaction(receiptSet(edits));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).contains(message);
    }

    private static JsonNode invoice(String invoiceNo) {
        return client.odata("invoice_hdr", "$filter", "invoice_no eq '" + invoiceNo + "'").body().at("/value/0");
    }

    private static JsonNode receiptRow(String receiptNo) {
        return client.odata("ar_receipts", "$filter", "receipt_no eq '" + receiptNo + "'").body().at("/value/0");
    }

    private static String orderStatus(String orderNo) {
        for (JsonNode order : client.get("/sim/orders").body()) {
            if (order.get("order_no").asText().equals(orderNo)) {
                return order.get("status").asText();
            }
        }
        throw new AssertionError("no order " + orderNo);
    }
}
