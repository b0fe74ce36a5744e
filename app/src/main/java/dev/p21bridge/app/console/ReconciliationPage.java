package dev.p21bridge.app.console;

import dev.p21bridge.reconciliation.Money;
import dev.p21bridge.reconciliation.report.ReconciliationReport;
import dev.p21bridge.reconciliation.report.ReportQuery;
import dev.p21bridge.reconciliation.report.Totals;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.ReconciliationDifference;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reconciliation in the console: the page {@code /reconciliation} (after login) with a date form, the totals
 * and the orders with differences, and {@code GET /api/reconciliation?from=&to=[&store=]} (bearer token) with every
 * order of the range. Both read {@code canonical.reconciliation} anew on each request, as
 * {@code ./bridge report reconciliation} does. Money is shown, and sent as JSON strings, to the cent. Nothing here
 * names a person: a reconciliation carries order keys and amounts only.
 */
final class ReconciliationPage {

    private final Supplier<Collection<OrderReconciliation>> latest;
    private final ConsoleLogin login;
    private final AdminApi admin;

    /** @param latest every order's latest reconciliation; null when this console has no reconciliation to show */
    ReconciliationPage(Supplier<Collection<OrderReconciliation>> latest, ConsoleLogin login, AdminApi admin) {
        this.latest = latest;
        this.login = login;
        this.admin = admin;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/reconciliation", admin::authorize);
        config.routes.get("/api/reconciliation", this::api);
        config.routes.get("/reconciliation", this::page);
    }

    private void api(Context ctx) {
        ReportQuery query;
        try {
            query = ReportQuery.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("store"), "");
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
            return;
        }
        if (latest == null) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "this console has no reconciliation"));
            return;
        }
        try {
            ctx.json(json(ReconciliationReport.of(latest.get(), query)));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
        }
    }

    private void page(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = ctx.queryParam("from") == null ? today.withDayOfMonth(1).toString() : ctx.queryParam("from");
        String to = ctx.queryParam("to") == null ? today.toString() : ctx.queryParam("to");
        String store = ctx.queryParam("store") == null || ctx.queryParam("store").isBlank() ? null : ctx.queryParam("store");
        String form = "<form method=get action=\"/reconciliation\">"
                + "<label>From <input name=from value=\"" + Html.escape(from) + "\" placeholder=YYYY-MM-DD></label> "
                + "<label>To <input name=to value=\"" + Html.escape(to) + "\" placeholder=YYYY-MM-DD></label> "
                + "<label>Store <input name=store value=\"" + Html.escape(store == null ? "" : store)
                + "\" placeholder=all></label> <button>Show</button></form>";
        try {
            if (latest == null) {
                throw new IllegalStateException("this console has no reconciliation to show");
            }
            ReconciliationReport report = ReconciliationReport.of(latest.get(), ReportQuery.parse(from, to, store, ""));
            ctx.html(page(session, form + body(report)));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(page(session, form + "<p><strong>" + Html.escape(e.getMessage())
                    + "</strong></p>"));
        } catch (RuntimeException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(page(session, form + "<p><strong>Cannot read the"
                    + " reconciliation: " + Html.escape(e.getMessage()) + "</strong></p>"));
        }
    }

    /** The page in the console's layout; its HTML is built here with every value passed through {@link Html#escape}. */
    private static String page(ConsoleSessions.Session session, String html) {
        return ConsoleLogin.page(session, "Reconciliation", "/reconciliation", "html-page.jte", Map.of("html", html));
    }

    private static String body(ReconciliationReport report) {
        StringBuilder html = new StringBuilder("<p><strong>").append(Html.escape(report.summary())).append("</strong>");
        if (report.undated() > 0) {
            html.append(" · ").append(report.undated()).append(" order(s) without an order date are in no range");
        }
        html.append("</p><h2>Totals per day</h2>").append(table("day", report.perDay(), report.total()));
        html.append("<h2>Totals per store</h2>").append(table("store", report.perStore(), report.total()));
        html.append("<h2>Orders with differences</h2>");
        if (report.withDifferences().isEmpty()) {
            return html.append("<p>None.</p>").toString();
        }
        html.append("<table><tr><th>order</th><th>date</th><th>P21 order</th><th>reason</th><th>amount</th>"
                + "<th>what</th></tr>");
        for (OrderReconciliation order : report.withDifferences()) {
            for (ReconciliationDifference difference : order.getDifferences()) {
                html.append("<tr><td>").append(Html.escape(order.getOrderKey())).append("</td><td>")
                        .append(ReconciliationReport.day(order)).append("</td><td>")
                        .append(Html.escape(order.getP21OrderNo() == null ? "-" : order.getP21OrderNo()))
                        .append("</td><td>").append(difference.getReason()).append("</td><td class=n>")
                        .append(Money.text(difference.getAmount())).append("</td><td>")
                        .append(Html.escape(difference.getMessage())).append("</td></tr>");
            }
        }
        return html.append("</table>").toString();
    }

    private static String table(String by, Map<?, Totals> rows, Totals total) {
        StringBuilder html = new StringBuilder("<table><tr><th>").append(by).append("</th><th>orders</th>"
                + "<th>storefront</th><th>captured</th><th>refunded</th><th>P21 receipts</th><th>invoiced</th>"
                + "<th>credited</th><th>differences</th></tr>");
        rows.forEach((name, totals) -> row(html, String.valueOf(name), totals));
        row(html, "total", total);
        return html.append("</table>").toString();
    }

    private static void row(StringBuilder html, String name, Totals totals) {
        html.append("<tr><td>").append(Html.escape(name)).append("</td><td class=n>").append(totals.orders());
        for (BigDecimal amount : List.of(totals.storefrontTotal(), totals.captured(), totals.refunded(),
                totals.p21Receipts(), totals.invoiced(), totals.credited())) {
            html.append("</td><td class=n>").append(Money.text(amount));
        }
        html.append("</td><td class=n>").append(totals.differences()).append("</td></tr>");
    }

    static Map<String, Object> json(ReconciliationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", report.query().from().toString());
        json.put("to", report.query().to().toString());
        json.put("store", report.query().store());
        json.put("summary", report.summary());
        json.put("total", totals(report.total()));
        Map<String, Object> perDay = new LinkedHashMap<>();
        report.perDay().forEach((day, totals) -> perDay.put(day.toString(), totals(totals)));
        json.put("perDay", perDay);
        Map<String, Object> perStore = new LinkedHashMap<>();
        report.perStore().forEach((store, totals) -> perStore.put(store, totals(totals)));
        json.put("perStore", perStore);
        json.put("undated", report.undated());
        json.put("orders", report.orders().stream().map(ReconciliationPage::order).toList());
        return json;
    }

    private static Map<String, Object> totals(Totals totals) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", totals.orders());
        json.put("balanced", totals.balanced());
        json.put("withDifferences", totals.withDifferences());
        json.put("differences", totals.differences());
        json.put("storefrontTotal", Money.text(totals.storefrontTotal()));
        json.put("captured", Money.text(totals.captured()));
        json.put("refunded", Money.text(totals.refunded()));
        json.put("p21Receipts", Money.text(totals.p21Receipts()));
        json.put("invoiced", Money.text(totals.invoiced()));
        json.put("credited", Money.text(totals.credited()));
        return json;
    }

    private static Map<String, Object> order(OrderReconciliation order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderKey", order.getOrderKey());
        json.put("store", order.getStore());
        json.put("orderDate", ReconciliationReport.day(order).toString());
        json.put("currency", order.getCurrency());
        json.put("storefrontTotal", order.getStorefrontTotal() == null ? null : Money.text(order.getStorefrontTotal()));
        json.put("captured", Money.text(order.getCaptured()));
        json.put("refunded", Money.text(order.getRefunded()));
        json.put("netPaid", Money.text(order.getNetPaid()));
        json.put("p21OrderNo", order.getP21OrderNo());
        json.put("p21SkippedReason", order.getP21SkippedReason());
        json.put("p21Receipts", Money.text(order.getP21ReceiptsNet()));
        json.put("invoiceTotal", Money.text(order.getInvoiceTotal()));
        json.put("creditTotal", Money.text(order.getCreditTotal()));
        json.put("balanced", order.getDifferences().isEmpty());
        json.put("differences", order.getDifferences().stream().map(difference -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reason", difference.getReason().name());
            d.put("reference", difference.getReference());
            d.put("amount", Money.text(difference.getAmount()));
            d.put("message", difference.getMessage());
            return d;
        }).toList());
        return json;
    }
}
