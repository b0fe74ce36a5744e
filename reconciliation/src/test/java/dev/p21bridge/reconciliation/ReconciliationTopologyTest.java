package dev.p21bridge.reconciliation;

import static dev.p21bridge.reconciliation.CanonicalRecords.AT;
import static dev.p21bridge.reconciliation.CanonicalRecords.capture;
import static dev.p21bridge.reconciliation.CanonicalRecords.confirmation;
import static dev.p21bridge.reconciliation.CanonicalRecords.creditMemo;
import static dev.p21bridge.reconciliation.CanonicalRecords.invoice;
import static dev.p21bridge.reconciliation.CanonicalRecords.money;
import static dev.p21bridge.reconciliation.CanonicalRecords.order;
import static dev.p21bridge.reconciliation.CanonicalRecords.receipt;
import static dev.p21bridge.reconciliation.CanonicalRecords.refund;
import static dev.p21bridge.reconciliation.CanonicalRecords.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.ReconciliationDifference;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconciliationTopologyTest {

    private static final String KEY = "xcart:1001";
    private static final Instant ORDER_DATE = Instant.parse("2026-03-02T09:30:00Z");

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Order> orders;
    private TestInputTopic<String, PaymentCapture> payments;
    private TestInputTopic<String, PaymentReceipt> receipts;
    private TestInputTopic<String, Invoice> invoices;
    private TestInputTopic<String, OrderConfirmation> confirmations;
    private TestOutputTopic<String, OrderReconciliation> reconciliations;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver() {
        ReconciliationConfig config = ReconciliationConfig.from(new Environment(Map.of()), stateDir);
        ReconciliationSerdes serdes = ReconciliationSerdes.confluent(new SchemaRegistryClient(registry.url()));
        driver = new TopologyTestDriver(ReconciliationService.topology(config, serdes),
                ReconciliationService.streamsProperties(config), AT);
        var keys = Serdes.String().serializer();
        orders = driver.createInputTopic(Topics.CANONICAL_ORDERS.name(), keys, serdes.orders().serializer(), AT, Duration.ofSeconds(1));
        payments = driver.createInputTopic(Topics.CANONICAL_PAYMENTS.name(), keys, serdes.payments().serializer(), AT, Duration.ofSeconds(1));
        receipts = driver.createInputTopic(Topics.CANONICAL_PAYMENT_RECEIPTS.name(), keys, serdes.receipts().serializer(), AT, Duration.ofSeconds(1));
        invoices = driver.createInputTopic(Topics.CANONICAL_INVOICES.name(), keys, serdes.invoices().serializer(), AT, Duration.ofSeconds(1));
        confirmations = driver.createInputTopic(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), keys,
                serdes.confirmations().serializer(), AT, Duration.ofSeconds(1));
        reconciliations = driver.createOutputTopic(Topics.CANONICAL_RECONCILIATION.name(),
                Serdes.String().deserializer(), serdes.reconciliations().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldBalanceAnOrderWhosePaymentLandedInP21AndMatchesItsInvoice() {
        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "100.00"));

        OrderReconciliation latest = latest();
        assertThat(latest.getBalanced()).isTrue();
        assertThat(latest.getDifferences()).isEmpty();
        assertThat(latest.getStore()).isEqualTo("xcart");
        assertThat(latest.getOrderDate()).isEqualTo(ORDER_DATE);
        assertThat(latest.getStorefrontTotal()).isEqualByComparingTo("100");
        assertThat(latest.getCaptured()).isEqualByComparingTo("100");
        assertThat(latest.getRefunded()).isEqualByComparingTo("0");
        assertThat(latest.getNetPaid()).isEqualByComparingTo("100");
        assertThat(latest.getP21OrderNo()).isEqualTo("5001");
        assertThat(latest.getP21ReceiptsNet()).isEqualByComparingTo("100");
        assertThat(latest.getInvoiceTotal()).isEqualByComparingTo("100");
        assertThat(latest.getCreditTotal()).isEqualByComparingTo("0");
    }

    @Test
    void shouldBalancePartialCapturesEachWithItsOwnReceipt() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        confirmations.pipeInput(KEY, confirmation(KEY, "5001"));
        payments.pipeInput(KEY, capture(KEY, "T-1", "60.00"));
        payments.pipeInput(KEY, capture(KEY, "T-2", "40.00"));
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "60.00"));
        assertThat(reasons()).containsExactly(DifferenceReason.MISSING_IN_P21);

        receipts.pipeInput(KEY, receipt(KEY, "R-2", "T-2", "40.00"));

        assertThat(latest().getBalanced()).isTrue();
        assertThat(latest().getCaptured()).isEqualByComparingTo("100");
        assertThat(latest().getP21ReceiptsNet()).isEqualByComparingTo("100");
    }

    @Test
    void shouldCallACaptureWithoutAReceiptMissingInP21() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        confirmations.pipeInput(KEY, confirmation(KEY, "5001"));
        payments.pipeInput(KEY, capture(KEY, "T-1", "100.00"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.MISSING_IN_P21);
        assertThat(difference.getReference()).isEqualTo("T-1");
        assertThat(difference.getAmount()).isEqualByComparingTo("100");
        assertThat(difference.getMessage()).isEqualTo("Storefront capture T-1 of 100.00 has no live P21 receipt.");
        assertThat(latest().getBalanced()).isFalse();
    }

    @Test
    void shouldCallACaptureWhoseReceiptWasVoidedInP21MissingInP21() {
        paidOrder("100.00");
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "100.00", true, AT.plusSeconds(60)));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.MISSING_IN_P21);
        assertThat(difference.getMessage()).contains("receipt R-1 was voided in P21");
        assertThat(latest().getP21ReceiptsNet()).isEqualByComparingTo("0");
    }

    @Test
    void shouldKeepTheNewerVersionOfAReceiptWhenAnOlderOneArrivesLate() {
        paidOrder("100.00");
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "100.00", true, AT.plusSeconds(60)));
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "100.00", false, AT.minusSeconds(60)));

        assertThat(reasons()).containsExactly(DifferenceReason.MISSING_IN_P21);
    }

    @Test
    void shouldCallTwoLiveReceiptsOfOneTransactionPaidTwice() {
        paidOrder("100.00");
        receipts.pipeInput(KEY, receipt(KEY, "R-2", "T-1", "100.00"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.PAID_TWICE);
        assertThat(difference.getAmount()).isEqualByComparingTo("100");
        assertThat(difference.getMessage()).contains("2 live P21 receipts (R-1, R-2) totalling 200.00");
    }

    @Test
    void shouldCallAReceiptOfAnotherAmountAmountDiffers() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        confirmations.pipeInput(KEY, confirmation(KEY, "5001"));
        payments.pipeInput(KEY, capture(KEY, "T-1", "100.00"));
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "99.99"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.AMOUNT_DIFFERS);
        assertThat(difference.getAmount()).isEqualByComparingTo("-0.01");
        assertThat(difference.getMessage()).isEqualTo("P21 receipt R-1 records 99.99 for storefront capture T-1 of 100.00.");
    }

    @Test
    void shouldMatchAmountsToTheCentNotBeyond() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        confirmations.pipeInput(KEY, confirmation(KEY, "5001"));
        payments.pipeInput(KEY, capture(KEY, "T-1", "100.00"));
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", "100.0040"));

        assertThat(latest().getBalanced()).isTrue();
    }

    @Test
    void shouldCallACreditMemoTheStorefrontDidNotRefundRefundNotApplied() {
        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "100.00"));
        invoices.pipeInput(KEY, creditMemo(KEY, "C-1", "30.00"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.REFUND_NOT_APPLIED);
        assertThat(difference.getAmount()).isEqualByComparingTo("30");
        assertThat(latest().getCreditTotal()).isEqualByComparingTo("30");
    }

    @Test
    void shouldBalanceARefundThatP21CreditedAndRecorded() {
        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "100.00"));
        invoices.pipeInput(KEY, creditMemo(KEY, "C-1", "30.00"));
        payments.pipeInput(KEY, refund(KEY, "T-R1", "30.00"));
        receipts.pipeInput(KEY, receipt(KEY, "R-9", "T-R1", "-30.00"));

        OrderReconciliation latest = latest();
        assertThat(latest.getDifferences()).isEmpty();
        assertThat(latest.getRefunded()).isEqualByComparingTo("30");
        assertThat(latest.getNetPaid()).isEqualByComparingTo("70");
        assertThat(latest.getP21ReceiptsNet()).isEqualByComparingTo("70");
    }

    @Test
    void shouldCallARefundWithoutAReceiptMissingInP21() {
        paidOrder("100.00");
        payments.pipeInput(KEY, refund(KEY, "T-R1", "30.00"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.MISSING_IN_P21);
        assertThat(difference.getAmount()).isEqualByComparingTo("-30");
        assertThat(difference.getMessage()).startsWith("Storefront refund T-R1 of -30.00");
    }

    @Test
    void shouldCallAnInvoiceOfAnotherTotalInvoiceDiffers() {
        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "107.25"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.INVOICE_DIFFERS);
        assertThat(difference.getReference()).isEqualTo("I-1");
        assertThat(difference.getAmount()).isEqualByComparingTo("7.25");
    }

    @Test
    void shouldCallMoneyForAnOrderWithoutConfirmationNoP21Order() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        payments.pipeInput(KEY, capture(KEY, "T-1", "100.00"));

        ReconciliationDifference difference = onlyDifference();
        assertThat(difference.getReason()).isEqualTo(DifferenceReason.NO_P21_ORDER);
        assertThat(difference.getAmount()).isEqualByComparingTo("100");
        assertThat(difference.getMessage()).contains("no order confirmation");
    }

    @Test
    void shouldCallMoneyForASkippedOrderNoP21Order() {
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE));
        payments.pipeInput(KEY, capture(KEY, "T-1", "100.00"));
        confirmations.pipeInput(KEY, skipped(KEY, "order cancelled by the store"));

        assertThat(onlyDifference().getMessage()).contains("skipped the order: order cancelled by the store");
        assertThat(latest().getP21OrderNo()).isNull();
        assertThat(latest().getP21SkippedReason()).isEqualTo("order cancelled by the store");
    }

    @Test
    void shouldCallAReceiptOfNoStorefrontTransactionUnknownReceipt() {
        paidOrder("100.00");
        receipts.pipeInput(KEY, receipt(KEY, "R-7", "T-99", "25.00"));
        receipts.pipeInput(KEY, receipt(KEY, "R-8", null, "5.00"));

        List<ReconciliationDifference> differences = latest().getDifferences();
        assertThat(differences).extracting(ReconciliationDifference::getReason)
                .containsExactly(DifferenceReason.UNKNOWN_RECEIPT, DifferenceReason.UNKNOWN_RECEIPT);
        assertThat(differences).extracting(ReconciliationDifference::getReference).containsExactly("R-7", "R-8");
        assertThat(differences.get(1).getMessage()).contains("entered in P21 by hand");
    }

    @Test
    void shouldWriteNothingAndChangeNothingForDuplicatesOfInputRecords() {
        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "100.00"));
        List<OrderReconciliation> first = reconciliations.readValuesToList();
        KeyValueStore<String, OrderLedger> ledgers = driver.getKeyValueStore(ReconciliationTopology.LEDGERS);
        OrderLedger ledger = ledgers.get(KEY);

        paidOrder("100.00");
        invoices.pipeInput(KEY, invoice(KEY, "I-1", "100.00"));
        orders.pipeInput(KEY, order(KEY, "100.00", ORDER_DATE, AT.minusSeconds(3600)));

        assertThat(first).isNotEmpty();
        assertThat(reconciliations.isEmpty()).as("nothing written for a duplicate").isTrue();
        assertThat(ledgers.get(KEY)).isEqualTo(ledger);
        assertThat(first.get(first.size() - 1).getBalanced()).isTrue();
    }

    @Test
    void shouldReconcileEachOrderOnItsOwn() {
        paidOrder("100.00");
        String other = "clarity:77";
        orders.pipeInput(other, order(other, "20.00", ORDER_DATE));
        confirmations.pipeInput(other, confirmation(other, "5002"));
        payments.pipeInput(other, capture(other, "T-2", "20.00"));

        Map<String, OrderReconciliation> byKey = reconciliations.readKeyValuesToMap();
        assertThat(byKey.get(KEY).getBalanced()).isTrue();
        assertThat(byKey.get(other).getStore()).isEqualTo("clarity");
        assertThat(byKey.get(other).getDifferences()).extracting(ReconciliationDifference::getReason)
                .containsExactly(DifferenceReason.MISSING_IN_P21);
    }

    @Test
    void shouldKeepTheLedgerInItsJsonFormatToTheLastDigit() {
        paidOrder("100.00");
        receipts.pipeInput(KEY, receipt(KEY, "R-2", "T-1", "0.0001"));
        OrderLedger ledger = driver.<String, OrderLedger>getKeyValueStore(ReconciliationTopology.LEDGERS).get(KEY);
        LedgerFormat format = new LedgerFormat();

        OrderLedger read = format.deserializer().deserialize("t", format.serializer().serialize("t", ledger));

        assertThat(read).isEqualTo(ledger);
        assertThat(read.receipts().get("R-2").amount()).isEqualTo(money("0.0001"));
    }

    /** An order of {@code total} with its confirmation, one capture T-1 of the total and its receipt R-1. */
    private void paidOrder(String total) {
        orders.pipeInput(KEY, order(KEY, total, ORDER_DATE));
        confirmations.pipeInput(KEY, confirmation(KEY, "5001"));
        payments.pipeInput(KEY, capture(KEY, "T-1", total));
        receipts.pipeInput(KEY, receipt(KEY, "R-1", "T-1", total));
    }

    /** The order's latest reconciliation written so far, the compacted topic's view of it. */
    private OrderReconciliation latest() {
        written.putAll(reconciliations.readKeyValuesToMap());
        assertThat(written).containsKey(KEY);
        return written.get(KEY);
    }

    private final Map<String, OrderReconciliation> written = new HashMap<>();

    private List<DifferenceReason> reasons() {
        return latest().getDifferences().stream().map(ReconciliationDifference::getReason).toList();
    }

    private ReconciliationDifference onlyDifference() {
        List<ReconciliationDifference> differences = latest().getDifferences();
        assertThat(differences).hasSize(1);
        return differences.get(0);
    }
}
