package dev.p21bridge.reconciliation.report;

import dev.p21bridge.reconciliation.Money;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.ReconciliationDifference;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link ReconciliationReport} as text for a person (the differences, then totals per day and per store, then the
 * summary line) or as CSV for a spreadsheet (a header and one row per order). Money to the cent. Text from storefronts
 * (order keys, transaction ids) is shown without control characters, so it cannot steer a terminal; CSV cells that a
 * spreadsheet would take for a formula are quoted with a leading apostrophe.
 */
public final class ReportFormat {

    public static final String CSV_HEADER = "order_key,store,order_date,storefront_total,captured,refunded,p21_order_no,"
            + "p21_receipts,invoice_total,credit_total,balanced,differences";
    private static final String TABLE = "  %-12s %7s %13s %13s %13s %13s %13s %13s %11s%n";

    private ReportFormat() {
    }

    public static void text(ReconciliationReport report, PrintWriter out) {
        ReportQuery query = report.query();
        out.printf("Reconciliation of orders dated %s to %s (UTC), %s%n%n", query.from(), query.to(),
                query.store() == null ? "all stores" : "store " + query.store());
        if (report.withDifferences().isEmpty()) {
            out.println("No differences.");
        } else {
            out.println("Differences:");
            for (OrderReconciliation order : report.withDifferences()) {
                for (ReconciliationDifference difference : order.getDifferences()) {
                    out.printf("  %-24s %-18s %12s  %s%n", printable(order.getOrderKey()), difference.getReason(),
                            Money.text(difference.getAmount()), printable(difference.getMessage()));
                }
            }
        }
        table(out, "day", report.perDay());
        table(out, "store", report.perStore());
        out.printf(TABLE, "total", report.total().orders(), Money.text(report.total().storefrontTotal()),
                Money.text(report.total().captured()), Money.text(report.total().refunded()),
                Money.text(report.total().p21Receipts()), Money.text(report.total().invoiced()),
                Money.text(report.total().credited()), report.total().differences());
        if (report.undated() > 0) {
            out.println(report.undated() + " order(s) have no order date (their canonical order was not seen) and are"
                    + " in no date range.");
        }
        out.println(report.summary());
        out.flush();
    }

    private static void table(PrintWriter out, String by, Map<?, Totals> rows) {
        out.println();
        out.printf(TABLE, by, "orders", "storefront", "captured", "refunded", "p21 receipts", "invoiced", "credited",
                "differences");
        rows.forEach((name, totals) -> out.printf(TABLE, printable(String.valueOf(name)), totals.orders(),
                Money.text(totals.storefrontTotal()), Money.text(totals.captured()), Money.text(totals.refunded()),
                Money.text(totals.p21Receipts()), Money.text(totals.invoiced()), Money.text(totals.credited()),
                totals.differences()));
    }

    public static void csv(ReconciliationReport report, PrintWriter out) {
        out.println(CSV_HEADER);
        for (OrderReconciliation order : report.orders()) {
            out.println(String.join(",", cell(order.getOrderKey()), cell(order.getStore()),
                    ReconciliationReport.day(order).toString(), amount(order.getStorefrontTotal()),
                    amount(order.getCaptured()), amount(order.getRefunded()), cell(order.getP21OrderNo()),
                    amount(order.getP21ReceiptsNet()), amount(order.getInvoiceTotal()), amount(order.getCreditTotal()),
                    Boolean.toString(order.getDifferences().isEmpty()),
                    cell(order.getDifferences().stream().map(d -> d.getReason().name()).collect(Collectors.joining(";")))));
        }
        out.flush();
    }

    private static String amount(BigDecimal amount) {
        return amount == null ? "" : Money.text(amount);
    }

    /** RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String value = text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
        boolean quote = value.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
