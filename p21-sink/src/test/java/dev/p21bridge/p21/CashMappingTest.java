package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.p21.P21CashMapper.RmaLine;
import dev.p21bridge.p21.P21Delivery.Step;
import dev.p21bridge.p21client.TransactionSet.Edit;
import dev.p21bridge.p21client.TransactionSet;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentKind;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.ReturnLine;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CashMappingTest {

    static PaymentCapture payment(String transactionId, String amount, PaymentKind kind, String method) {
        return PaymentCapture.newBuilder().setOrderKey("xcart:10452").setSource(Source.XCART).setOrderId("10452")
                .setSourceEventId("evt-1").setEventTime(Instant.parse("2026-11-20T14:05:40Z"))
                .setCapturedAt(Instant.parse("2026-11-20T14:05:37Z")).setCurrency("USD").setKind(kind)
                .setPayment(PaymentInfo.newBuilder().setMethod(method).setTransactionId(transactionId)
                        .setAmount(amount == null ? null : new BigDecimal(amount).setScale(4))
                        .setStatus(PaymentStatus.PAID).build())
                .build();
    }

    static ReturnRequest returned(String... skuQuantity) {
        List<ReturnLine> lines = new ArrayList<>();
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.add(ReturnLine.newBuilder().setSku(skuQuantity[i]).setP21ItemId(skuQuantity[i])
                    .setQuantity(new BigDecimal(skuQuantity[i + 1]).setScale(4)).build());
        }
        return ReturnRequest.newBuilder().setOrderKey("xcart:10452").setSource(Source.XCART).setOrderId("10452")
                .setReturnId("501").setSourceEventId("evt-r").setEventTime(Instant.parse("2026-11-27T09:41:05Z"))
                .setRequestedAt(Instant.parse("2026-11-27T09:41:02Z")).setLines(lines).build();
    }

    private static final P21OrderReader.State ORDER = new P21OrderReader.State("1000123", false, Map.of(),
            BigDecimal.ZERO, BigDecimal.ZERO, List.of(
            new P21OrderReader.Line(1, "HX-4410", new BigDecimal("8"), new BigDecimal("8"), new BigDecimal("24.95")),
            new P21OrderReader.Line(2, "WSH-0375-Z", new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("18.2")),
            new P21OrderReader.Line(3, "HX-4410", new BigDecimal("2"), new BigDecimal("0"), new BigDecimal("24.95"))));

    private static Map<String, String> edits(TransactionSet set, int element) {
        Map<String, String> edits = new LinkedHashMap<>();
        set.transactions().get(0).dataElements().get(element).rows().get(0).edits()
                .forEach(edit -> edits.put(edit.name(), edit.value()));
        return edits;
    }

    @Test
    void shouldRecordARefundAsANegativeReceiptCarryingTheTransactionIdAndTheOrderKey() {
        P21CashMapper mapper = new P21CashMapper(PaymentMapping.defaults());

        TransactionSet receipt = mapper.receipt(payment("90413", "-49.90", PaymentKind.REFUND, "credit card"),
                "1000123", Optional.of("100045"), Optional.of("INV-77"));

        assertThat(receipt.name()).isEqualTo("CashReceipt");
        assertThat(edits(receipt, 0)).containsEntry("customer_id", "100045").containsEntry("order_no", "1000123")
                .containsEntry("invoice_no", "INV-77").containsEntry("payment_type_id", "CC")
                .containsEntry("receipt_amount", "-49.9").containsEntry("check_no", "90413")
                .containsEntry("description", "xcart:10452").containsEntry("receipt_date", "2026-11-20");
    }

    @Test
    void shouldMapPaymentMethodsToTheTenantsPaymentTypesAndOthersToTheDefault() {
        PaymentMapping mapping = new PaymentMapping(NamedCodes.parse(" PayPal = PP ,Purchase  Order=PO", "Method=TYPE",
                false), "WEB");

        assertThat(mapping.paymentTypeFor("paypal")).isEqualTo("PP");
        assertThat(mapping.paymentTypeFor("purchase order")).isEqualTo("PO");
        assertThat(mapping.paymentTypeFor("Gift card")).isEqualTo("WEB");
        assertThat(mapping.paymentTypeFor(null)).isEqualTo("WEB");
        assertThatThrownBy(() -> NamedCodes.parse("PayPal", "Method=TYPE", false))
                .hasMessageContaining("'PayPal' is not 'Method=TYPE'");
        assertThatThrownBy(() -> NamedCodes.parse("A=1,a=2", "Method=TYPE", false)).hasMessageContaining("twice");
    }

    @Test
    void shouldMapStorefrontTermsThroughTheTermsMapAndPassOtherTermsAsWritten() {
        OrderMapping mapping = new OrderMapping(OrderMapping.SHIP_VIA_MAP.defaultValue(), "BESTWAY", "WEB-DISCOUNT",
                "PREPAID", NamedCodes.parse("Net 30=N30", "Terms=CODE", true));

        assertThat(mapping.termsCodeFor("net  30")).isEqualTo("N30");
        assertThat(mapping.termsCodeFor("Net 45")).isEqualTo("Net 45");
        assertThat(NamedCodes.parse("", "Terms=CODE", true)).isEmpty();
    }

    @Test
    void shouldPriceEachReturnedItemAtWhatP21InvoicedItAtAndSumRepeatedLines() {
        List<RmaLine> lines = new ArrayList<>();

        assertThat(ReturnWriter.linesOf(returned("HX-4410", "2", "WSH-0375-Z", "1", "HX-4410", "3"), ORDER, lines))
                .isEmpty();

        assertThat(lines).containsExactly(
                new RmaLine(1, "HX-4410", new BigDecimal("5.0000"), new BigDecimal("24.95")),
                new RmaLine(2, "WSH-0375-Z", new BigDecimal("1.0000"), new BigDecimal("18.2")));
        TransactionSet rma = new P21CashMapper(PaymentMapping.defaults()).rma(returned("HX-4410", "2"), "1000123",
                Optional.of("100045"), lines);
        assertThat(rma.name()).isEqualTo("RMA");
        assertThat(edits(rma, 0)).containsEntry("original_order_no", "1000123")
                .containsEntry("web_reference_no", "xcart:10452:501").containsEntry("customer_id", "100045");
        assertThat(rma.transactions().get(0).dataElements().get(1).rows().get(0).edits()).containsExactly(
                new Edit("line_no", "1"), new Edit("oe_order_item_id", "HX-4410"), new Edit("unit_quantity", "5"),
                new Edit("unit_price", "24.95"));
    }

    @Test
    void shouldPriceAReturnedItemAtWhatWasPaidForItWhenTheOrderHadADiscount() {
        P21OrderReader.State discounted = new P21OrderReader.State("1000124", false, Map.of(), BigDecimal.ZERO,
                BigDecimal.ZERO, List.of(
                new P21OrderReader.Line(1, "HX-4410", new BigDecimal("3"), new BigDecimal("3"), new BigDecimal("24.95")),
                new P21OrderReader.Line(2, "WEB-DISCOUNT", BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-3.74"))));
        List<RmaLine> lines = new ArrayList<>();

        ReturnWriter.linesOf(returned("HX-4410", "3"), discounted, lines);

        // 74.85 of goods less a 3.74 coupon: 71.11 paid; a unit 23.70 (23.7033 rounded down), the whole 71.10
        assertThat(lines).containsExactly(new RmaLine(1, "HX-4410", new BigDecimal("3.0000"), new BigDecimal("23.70")));
    }

    @Test
    void shouldRefuseAReturnOfAnItemNotOnTheOrderOrOfMoreThanWasSold() {
        assertThat(ReturnWriter.linesOf(returned("VLV-BALL-1IN", "1"), ORDER, new ArrayList<>())).get().asString()
                .contains("returns item VLV-BALL-1IN (SKU VLV-BALL-1IN), which P21 order 1000123 does not have");
        assertThat(ReturnWriter.linesOf(returned("HX-4410", "11"), ORDER, new ArrayList<>())).get().asString()
                .contains("returns 11 of item HX-4410").contains("sold 10");
    }

    @Test
    void shouldDeadLetterAPaymentWithoutTransactionIdOrAmountOrOfAnUnknownKindBeforeAskingP21() {
        assertThat(CashSteps.payment(null, payment(" ", "10", PaymentKind.CAPTURE, "Credit Card")))
                .isInstanceOfSatisfying(Step.DeadLetter.class, letter -> {
                    assertThat(letter.errorClass()).isEqualTo(ErrorClass.VALIDATION);
                    assertThat(letter.message()).contains("no storefront transaction id");
                });
        assertThat(CashSteps.payment(null, payment("t-1", "0", PaymentKind.CAPTURE, "Credit Card")))
                .isInstanceOfSatisfying(Step.DeadLetter.class,
                        letter -> assertThat(letter.message()).contains("has no amount"));
        assertThat(CashSteps.payment(null, payment("t-1", "5", PaymentKind.UNKNOWN, "Credit Card")))
                .isInstanceOfSatisfying(Step.DeadLetter.class,
                        letter -> assertThat(letter.errorClass()).isEqualTo(ErrorClass.MAPPING));
        assertThat(CashSteps.returned(null, returned("HX-4410", "0")))
                .isInstanceOfSatisfying(Step.DeadLetter.class,
                        letter -> assertThat(letter.message()).contains("must be positive"));
        assertThat(CashSteps.returned(null, returned()))
                .isInstanceOfSatisfying(Step.DeadLetter.class, letter -> assertThat(letter.message()).contains("no lines"));
    }
}
