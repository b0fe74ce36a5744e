package dev.p21bridge.reconciliation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.reconciliation.Money;
import dev.p21bridge.schemas.DifferenceReason;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.ReconciliationDifference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationReportTest {

    private static final List<OrderReconciliation> LATEST = List.of(
            order("xcart:1", "2026-03-01T00:00:00Z", "100.00"),
            order("xcart:2", "2026-03-01T23:59:59.999Z", "50.00", DifferenceReason.MISSING_IN_P21),
            order("clarity:3", "2026-03-02T10:00:00Z", "20.00", DifferenceReason.PAID_TWICE,
                    DifferenceReason.INVOICE_DIFFERS),
            order("xcart:4", "2026-02-28T23:59:59.999Z", "10.00"),
            order("xcart:5", "2026-03-03T00:00:00Z", "10.00"),
            order("clarity:6", null, "10.00"));

    @Test
    void shouldKeepOrdersOfTheUtcDaysFromToInclusive() {
        ReconciliationReport report = ReconciliationReport.of(LATEST, query("2026-03-01", "2026-03-02", null));

        assertThat(report.orders()).extracting(OrderReconciliation::getOrderKey)
                .containsExactly("xcart:1", "xcart:2", "clarity:3");
        assertThat(report.perDay()).containsOnlyKeys(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
        assertThat(report.perStore().get("xcart").orders()).isEqualTo(2);
        assertThat(report.perStore().get("xcart").captured()).isEqualByComparingTo("150");
        assertThat(report.total().differences()).isEqualTo(3);
        assertThat(report.undated()).isEqualTo(1);
        assertThat(report.summary()).isEqualTo("orders 3, balanced 1, with differences 2");
    }

    @Test
    void shouldKeepOnlyTheStoreAskedFor() {
        ReconciliationReport report = ReconciliationReport.of(LATEST, query("2026-03-01", "2026-03-02", "clarity"));

        assertThat(report.orders()).extracting(OrderReconciliation::getOrderKey).containsExactly("clarity:3");
    }

    @Test
    void shouldRefuseAStoreOfWhichThereIsNoOrder() {
        assertThatThrownBy(() -> ReconciliationReport.of(LATEST, query("2026-03-01", "2026-03-02", "shopify")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown store 'shopify': canonical.reconciliation has orders of clarity, xcart only");
    }

    @Test
    void shouldNameTheBadParameter() {
        assertThatThrownBy(() -> ReportQuery.parse("2026-03-05", "2026-03-01", null, "--"))
                .hasMessage("--from 2026-03-05 is after --to 2026-03-01");
        assertThatThrownBy(() -> ReportQuery.parse("2026-13-01", "2026-03-01", null, ""))
                .hasMessage("from must be a date such as 2026-03-01, not '2026-13-01'");
        assertThatThrownBy(() -> ReportQuery.parse("2026-03-01", null, null, "--")).hasMessageStartingWith("--to is required");
        assertThatThrownBy(() -> ReportQuery.parse("2026-03-01", "2026-03-01", "X Cart", "--"))
                .hasMessageStartingWith("--store must be a store name");
    }

    @Test
    void shouldWriteAHeaderAndOneCsvRowPerOrder() {
        ReconciliationReport report = ReconciliationReport.of(LATEST, query("2026-03-01", "2026-03-02", null));
        StringWriter csv = new StringWriter();

        ReportFormat.csv(report, new PrintWriter(csv));

        assertThat(csv.toString().lines()).containsExactly(ReportFormat.CSV_HEADER,
                "xcart:1,xcart,2026-03-01,100.00,100.00,0.00,5001,100.00,100.00,0.00,true,",
                "xcart:2,xcart,2026-03-01,50.00,50.00,0.00,5001,50.00,50.00,0.00,false,MISSING_IN_P21",
                "clarity:3,clarity,2026-03-02,20.00,20.00,0.00,5001,20.00,20.00,0.00,false,PAID_TWICE;INVOICE_DIFFERS");
    }

    @Test
    void shouldQuoteCsvCellsAndDisarmFormulas() {
        assertThat(ReportFormat.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportFormat.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportFormat.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    }

    @Test
    void shouldPrintOneLinePerDifferenceAndEndWithTheSummary() {
        ReconciliationReport report = ReconciliationReport.of(LATEST, query("2026-03-01", "2026-03-02", null));
        StringWriter text = new StringWriter();

        ReportFormat.text(report, new PrintWriter(text));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("DIFFERS") || line.contains("MISSING") || line.contains("TWICE"))
                .hasSize(3).anySatisfy(line -> assertThat(line).contains("xcart:2").contains("MISSING_IN_P21")
                        .contains("1.00").contains("something about MISSING_IN_P21"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  2026-03-01").contains("150.00"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  clarity"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("orders 3, balanced 1, with differences 2");
    }

    private static ReportQuery query(String from, String to, String store) {
        return ReportQuery.parse(from, to, store, "--");
    }

    private static OrderReconciliation order(String key, String date, String paid, DifferenceReason... reasons) {
        BigDecimal amount = Money.of(new BigDecimal(paid));
        return OrderReconciliation.newBuilder().setOrderKey(key).setStore(key.substring(0, key.indexOf(':')))
                .setOrderDate(date == null ? null : Instant.parse(date)).setCurrency("USD").setStorefrontTotal(amount)
                .setCaptured(amount).setRefunded(Money.ZERO).setNetPaid(amount).setP21OrderNo("5001")
                .setP21ReceiptsNet(amount).setInvoiceTotal(amount).setCreditTotal(Money.ZERO)
                .setDifferences(List.of(reasons).stream().map(reason -> ReconciliationDifference.newBuilder()
                        .setReason(reason).setAmount(Money.of(BigDecimal.ONE))
                        .setMessage("something about " + reason).build()).toList())
                .setBalanced(reasons.length == 0).build();
    }
}
