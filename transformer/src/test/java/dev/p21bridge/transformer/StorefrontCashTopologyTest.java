package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.ReturnLine;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Source;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** payment.captured to canonical.payments and return.created to canonical.returns, from both storefronts. */
class StorefrontCashTopologyTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T14:05:40Z");
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver bridge;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        bridge = new TransformerDriver(registry.url(), stateDir, Map.of(), RECEIVED);
    }

    @AfterEach
    void tearDown() {
        bridge.close();
    }

    @Test
    void shouldMapTheXCartSamplePaymentToACaptureOfItsTransaction() throws IOException {
        bridge.storefront("xcart", "payment.captured", "evt-p1", "10452", sample("xcart/payment.captured.json"), RECEIVED);

        TestRecord<String, PaymentCapture> record = bridge.payments.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        PaymentCapture payment = record.value();
        assertThat(payment.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(payment.getSource()).isEqualTo(Source.XCART);
        assertThat(payment.getOrderId()).isEqualTo("10452");
        assertThat(payment.getSourceEventId()).isEqualTo("evt-p1");
        assertThat(payment.getEventTime()).isEqualTo(RECEIVED);
        assertThat(payment.getCapturedAt()).isEqualTo(Instant.parse("2026-11-20T14:05:37Z"));
        assertThat(payment.getCurrency()).isEqualTo("USD");
        assertThat(payment.getKind()).isEqualTo(PaymentKind.CAPTURE);
        assertThat(payment.getPayment().getTransactionId()).isEqualTo("90412");
        assertThat(payment.getPayment().getAmount()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(payment.getPayment().getMethod()).isEqualTo("Credit Card");
        assertThat(payment.getPayment().getStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(payment.getPayment().getTerms()).isNull();
        assertThat(payment.getPayment().getPoNumber()).isNull();
        assertThat(bridge.payments.isEmpty()).isTrue();
        assertThat(bridge.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldMapTheClaritySamplePaymentToACaptureOfItsPaymentId() throws IOException {
        bridge.storefront("clarity", "payment.captured", "evt-p2", "CL-2026-000981",
                sample("clarity/payment.captured.json"), RECEIVED);

        TestRecord<String, PaymentCapture> record = bridge.payments.readRecord();
        assertThat(record.key()).isEqualTo("clarity:CL-2026-000981");
        PaymentCapture payment = record.value();
        assertThat(payment.getOrderKey()).isEqualTo("clarity:CL-2026-000981");
        assertThat(payment.getSource()).isEqualTo(Source.CLARITY);
        assertThat(payment.getOrderId()).isEqualTo("CL-2026-000981");
        assertThat(payment.getSourceEventId()).isEqualTo("evt-p2");
        assertThat(payment.getCapturedAt()).isEqualTo(Instant.parse("2026-11-20T14:20:02Z"));
        assertThat(payment.getCurrency()).isEqualTo("USD");
        assertThat(payment.getKind()).isEqualTo(PaymentKind.CAPTURE);
        assertThat(payment.getPayment().getTransactionId()).isEqualTo("PAY-77120");
        assertThat(payment.getPayment().getAmount()).isEqualTo(new BigDecimal("1367.6900"));
        assertThat(payment.getPayment().getMethod()).isEqualTo("Credit Card");
        assertThat(payment.getPayment().getStatus()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void shouldMapRefundsOfBothStorefrontsToNegativeAmounts() throws IOException {
        for (String type : List.of("refund", "refund_part", "refund_multi")) {
            bridge.storefront("xcart", "payment.captured", "evt-" + type, "10452", sample("xcart/payment.captured.json")
                    .replace("\"type\": \"capture\"", "\"type\": \"" + type + "\"")
                    .replace("\"value\": 413.22", "\"value\": 49.9"), RECEIVED);
        }
        bridge.storefront("clarity", "payment.captured", "evt-c-refund", "CL-2026-000981",
                sample("clarity/payment.captured.json").replace("\"type\": \"Capture\"", "\"type\": \"Refund\"")
                        .replace("\"status\": \"Captured\"", "\"status\": \"Refunded\"")
                        .replace("\"amount\": \"1367.69\"", "\"amount\": \"-55.90\""), RECEIVED);

        List<PaymentCapture> refunds = bridge.payments.readValuesToList();
        assertThat(refunds).extracting(PaymentCapture::getKind).containsOnly(PaymentKind.REFUND).hasSize(4);
        assertThat(refunds).extracting(p -> p.getPayment().getStatus()).containsOnly(PaymentStatus.REFUNDED);
        assertThat(refunds).extracting(p -> p.getPayment().getAmount()).containsExactly(new BigDecimal("-49.9000"),
                new BigDecimal("-49.9000"), new BigDecimal("-49.9000"), new BigDecimal("-55.9000"));
        assertThat(bridge.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldTakeSaleAndPartialCapturesAsCaptures() throws IOException {
        for (String type : List.of("sale", "capture_part")) {
            bridge.storefront("xcart", "payment.captured", "evt-" + type, "10452", sample("xcart/payment.captured.json")
                    .replace("\"type\": \"capture\"", "\"type\": \"" + type + "\""), RECEIVED);
        }

        assertThat(bridge.payments.readValuesToList()).extracting(PaymentCapture::getKind)
                .containsExactly(PaymentKind.CAPTURE, PaymentKind.CAPTURE);
    }

    @Test
    void shouldProduceNothingForAPaymentThatMovedNoMoneyAndCountIt() throws IOException {
        bridge.storefront("xcart", "payment.captured", "evt-f", "10452", sample("xcart/payment.captured.json")
                .replace("\"status\": \"S\"", "\"status\": \"F\""), RECEIVED);
        for (String status : List.of("Failed", "Voided")) {
            bridge.storefront("clarity", "payment.captured", "evt-" + status, "CL-2026-000981",
                    sample("clarity/payment.captured.json").replace("\"status\": \"Captured\"", "\"status\": \"" + status + "\""),
                    RECEIVED);
        }

        assertThat(bridge.payments.isEmpty()).isTrue();
        assertThat(bridge.deadLetters.isEmpty()).isTrue();
        assertThat(bridge.metric("storefront-payments-skipped-total")).isEqualTo(3.0);
    }

    @Test
    void shouldMapARedeliveredPaymentOnce() throws IOException {
        String body = sample("xcart/payment.captured.json");
        bridge.storefront("xcart", "payment.captured", "evt-p1", "10452", body, RECEIVED);
        bridge.storefront("xcart", "payment.captured", "evt-p1", "10452", body, RECEIVED.plusSeconds(60));

        assertThat(bridge.payments.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldReadFloatNoiseInAnAmountAsTheCentsMeant() throws IOException {
        bridge.storefront("xcart", "payment.captured", "evt-noise", "10452", sample("xcart/payment.captured.json")
                .replace("\"value\": 413.22", "\"value\": 413.22000000000003"), RECEIVED);

        assertThat(bridge.payments.readValue().getPayment().getAmount()).isEqualTo(new BigDecimal("413.2200"));
    }

    @Test
    void shouldDeadLetterEachBrokenPaymentOnceNamingTheField() throws IOException {
        String xcart = sample("xcart/payment.captured.json");
        String clarity = sample("clarity/payment.captured.json");
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("xcart|" + xcart.replace("\"order_id\": 10452,", ""), "validation|orderId is required");
        broken.put("xcart|" + xcart.replace("\"transaction_id\": 90412,", ""), "validation|transactionId is required");
        broken.put("xcart|" + xcart.replace("\"value\": 413.22", "\"value\": \"lots\""),
                "validation|amount is not a number: 'lots'");
        broken.put("xcart|" + xcart.replace("\"value\": 413.22", "\"value\": 0"), "validation|amount must not be zero");
        broken.put("xcart|" + xcart.replace("\"value\": 413.22", "\"value\": 413.22345"),
                "validation|amount has more than 4 decimals: 413.22345");
        broken.put("xcart|" + xcart.replace("\"value\": 413.22", "\"value\": -10")
                        .replace("\"type\": \"capture\"", "\"type\": \"refund\""),
                "validation|payments/xcart.jsonata: value must be positive (X-Cart sends a refund as a positive value),"
                        + " got -10");
        broken.put("xcart|" + xcart.replace("\"type\": \"capture\"", "\"type\": \"auth\""),
                "mapping|payments/xcart.jsonata: look-up table 'xcart-transaction-type' has no row for 'auth'");
        broken.put("clarity|" + clarity.replace("\"orderId\": \"CL-2026-000981\",", ""), "validation|orderId is required");
        broken.put("clarity|" + clarity.replace("\"paymentId\": \"PAY-77120\",", ""), "validation|transactionId is required");
        broken.put("clarity|" + clarity.replace("\"amount\": \"1367.69\"", "\"amount\": \"0.00\""),
                "validation|amount must not be zero");
        broken.put("clarity|" + clarity.replace("\"amount\": \"1367.69\"", "\"amount\": \"1367.69x\""),
                "validation|amount is not a number: '1367.69x'");
        broken.put("clarity|" + clarity.replace("\"amount\": \"1367.69\"", "\"amount\": \"-1367.69\""),
                "validation|payments/clarity.jsonata: type says Capture but amount -1367.69 says refund");
        broken.put("clarity|" + clarity.replace("\"status\": \"Captured\"", "\"status\": \"Pending\""),
                "mapping|payments/clarity.jsonata: look-up table 'clarity-payment-moves-money' has no row for 'Pending'");
        int event = 0;
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            String[] input = entry.getKey().split("\\|", 2);
            String id = "bad-" + event++;
            bridge.storefront(input[0], "payment.captured", id, "k", input[1], RECEIVED);
            bridge.storefront(input[0], "payment.captured", id, "k", input[1], RECEIVED);
            List<TestRecord<String, byte[]>> letters = bridge.deadLetters.readRecordsToList();
            assertThat(letters).as(entry.getValue()).hasSize(1);
            String[] expected = entry.getValue().split("\\|", 2);
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_CLASS)).isEqualTo(expected[0]);
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_MESSAGE)).startsWith(expected[1]);
        }
        assertThat(bridge.payments.isEmpty()).isTrue();
    }

    @Test
    void shouldMapTheXCartSampleReturnWithItsRefundPerLine() throws IOException {
        bridge.storefront("xcart", "return.created", "evt-r1", "10452", sample("xcart/return.created.json"), RECEIVED);

        TestRecord<String, ReturnRequest> record = bridge.returns.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        ReturnRequest request = record.value();
        assertThat(request.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(request.getSource()).isEqualTo(Source.XCART);
        assertThat(request.getOrderId()).isEqualTo("10452");
        assertThat(request.getReturnId()).isEqualTo("501");
        assertThat(request.getSourceEventId()).isEqualTo("evt-r1");
        assertThat(request.getEventTime()).isEqualTo(RECEIVED);
        assertThat(request.getRequestedAt()).isEqualTo(Instant.parse("2026-11-27T09:41:02Z"));
        assertThat(request.getReason()).isEqualTo("Damaged in transit");
        assertThat(request.getLines()).containsExactly(new ReturnLine("HX-4410", "HX-4410", new BigDecimal("2.0000"),
                new BigDecimal("49.9000"), null));
        assertThat(request.getRefundTotal()).isEqualTo(new BigDecimal("49.9000"));
        assertThat(bridge.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldMapTheClaritySampleReturnWithItsRefundPerLine() throws IOException {
        bridge.storefront("clarity", "return.created", "evt-r2", "CL-2026-000981", sample("clarity/return.created.json"),
                RECEIVED);

        TestRecord<String, ReturnRequest> record = bridge.returns.readRecord();
        assertThat(record.key()).isEqualTo("clarity:CL-2026-000981");
        ReturnRequest request = record.value();
        assertThat(request.getSource()).isEqualTo(Source.CLARITY);
        assertThat(request.getOrderId()).isEqualTo("CL-2026-000981");
        assertThat(request.getReturnId()).isEqualTo("RT-3301");
        assertThat(request.getRequestedAt()).isEqualTo(Instant.parse("2026-11-28T22:02:10Z"));
        assertThat(request.getReason()).isEqualTo("Wrong size ordered");
        assertThat(request.getLines()).containsExactly(new ReturnLine("BV-075-SWT", "BV-075-SWT",
                new BigDecimal("2.0000"), new BigDecimal("55.9000"), null));
        assertThat(request.getRefundTotal()).isEqualTo(new BigDecimal("55.9000"));
    }

    @Test
    void shouldTranslateReturnedSkusThroughTheCrossReferenceAndSumTheLines() throws IOException {
        bridge.xref.pipeInput("HX-4410", "HX4410-P21");
        bridge.storefront("xcart", "return.created", "evt-r3", "10452", sample("xcart/return.created.json")
                .replace("\"price\": 24.95\n    }", """
                        "price": 24.95
                            },
                            {"order_item_id": 88102, "sku": "wsh-0375-z", "amount": 3, "price": 0.3333}"""), RECEIVED);

        ReturnRequest request = bridge.returns.readValue();
        assertThat(request.getLines()).extracting(ReturnLine::getP21ItemId).containsExactly("HX4410-P21", "WSH-0375-Z");
        assertThat(request.getLines()).extracting(ReturnLine::getRefundAmount)
                .containsExactly(new BigDecimal("49.9000"), new BigDecimal("0.9999"));
        assertThat(request.getRefundTotal()).isEqualTo(new BigDecimal("50.8999"));
    }

    @Test
    void shouldMapARedeliveredReturnOnce() throws IOException {
        String body = sample("clarity/return.created.json");
        bridge.storefront("clarity", "return.created", "evt-r2", "CL-2026-000981", body, RECEIVED);
        bridge.storefront("clarity", "return.created", "evt-r2", "CL-2026-000981", body, RECEIVED.plusSeconds(5));

        assertThat(bridge.returns.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldDeadLetterEachBrokenReturnNamingTheField() throws IOException {
        String xcart = sample("xcart/return.created.json");
        String clarity = sample("clarity/return.created.json");
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("xcart|" + xcart.replaceAll("(?s)\"items\": \\[.*]", "\"items\": []"),
                "validation|lines: a return needs at least one line, got none");
        broken.put("xcart|" + xcart.replace("\"amount\": 2,", "\"amount\": 0,"),
                "validation|lines[0].quantity must be positive, got 0");
        broken.put("xcart|" + xcart.replace("\"amount\": 2,", "\"amount\": -1,"),
                "validation|lines[0].quantity must be positive, got -1");
        broken.put("xcart|" + xcart.replace("\"sku\": \"HX-4410\",", ""), "validation|lines[0].sku is required");
        broken.put("xcart|" + xcart.replace("\"id\": 501,", ""), "validation|returnId is required");
        broken.put("xcart|" + xcart.replace("\"order_id\": 10452,", ""), "validation|orderId is required");
        broken.put("xcart|" + xcart.replace("\"price\": 24.95", "\"price\": -24.95"),
                "validation|lines[0].unitPrice must not be negative, got -24.95");
        broken.put("xcart|" + xcart.replace("\"price\": 24.95", "\"price\": 24.95001"),
                "validation|lines[0].unitPrice has more than 4 decimals: 24.95001");
        broken.put("clarity|" + clarity.replace("\"quantity\": \"2\"", "\"quantity\": \"two\""),
                "validation|lines[0].quantity is not a number: 'two'");
        broken.put("clarity|" + clarity.replace("\"unitPrice\": \"27.95\"", "\"unitPrice\": \"free\""),
                "validation|lines[0].unitPrice is not a number: 'free'");
        broken.put("clarity|" + clarity.replace("\"returnId\": \"RT-3301\",", ""), "validation|returnId is required");
        broken.put("clarity|" + clarity.replace("\"returnId\": \"RT-3301\",", "\"returnId\": \"RT:3301\","),
                "validation|returnId must not contain ':'");
        broken.put("clarity|" + clarity.replace("\"orderId\": \"CL-2026-000981\",", ""), "validation|orderId is required");
        int event = 0;
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            String[] input = entry.getKey().split("\\|", 2);
            bridge.storefront(input[0], "return.created", "bad-" + event++, "k", input[1], RECEIVED);
            List<TestRecord<String, byte[]>> letters = bridge.deadLetters.readRecordsToList();
            assertThat(letters).as(entry.getValue()).hasSize(1);
            String[] expected = entry.getValue().split("\\|", 2);
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_CLASS)).isEqualTo(expected[0]);
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_MESSAGE)).startsWith(expected[1]);
        }
        assertThat(bridge.returns.isEmpty()).isTrue();
    }

    private static String sample(String name) throws IOException {
        return new String(TransformerTopologyTest.sample(name), StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
