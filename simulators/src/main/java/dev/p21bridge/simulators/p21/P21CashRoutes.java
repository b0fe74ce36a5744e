package dev.p21bridge.simulators.p21;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control API's order-to-cash routes: invoicing a shipped order, the cash receipts P21 holds (and the void and
 * double entry a P21 user can make of one), RMAs and their receipt. Answers as {@link P21ControlRoutes} does: money as
 * plain decimal strings, {@code {"error"}} with 404 for an unknown record and 409 for one in the wrong state.
 */
final class P21CashRoutes {

    private final P21Store store;

    P21CashRoutes(P21Store store) {
        this.store = store;
    }

    void install(JavalinConfig cfg) {
        cfg.routes.post("/sim/invoices", this::invoice);
        cfg.routes.get("/sim/invoices", ctx -> ctx.json(store.read(s -> s.invoices().stream()
                .map(i -> invoiceJson(i, s)).toList())));
        cfg.routes.get("/sim/payments", ctx -> ctx.json(store.read(s -> s.receipts().stream()
                .filter(r -> !r.deleted()).map(r -> paymentJson(r, s)).toList())));
        cfg.routes.post("/sim/payments/{receipt_no}/void", ctx -> ctx.json(store.write((s, at) ->
                paymentJson(P21Receivables.voidReceipt(s, ctx.pathParam("receipt_no"), at), s))));
        cfg.routes.post("/sim/payments/{receipt_no}/duplicate", ctx -> ctx.status(201).json(store.write((s, at) ->
                paymentJson(P21Receivables.duplicate(s, ctx.pathParam("receipt_no"), at), s))));
        cfg.routes.get("/sim/rmas", ctx -> ctx.json(store.read(s -> s.orders().stream().filter(P21Order::rma)
                .map(rma -> P21RmaService.json(rma, s)).toList())));
        cfg.routes.post("/sim/rmas/{rma_no}/receive", this::receive);
    }

    private void invoice(Context ctx) {
        String orderNo = P21ControlRoutes.requiredText(P21ControlRoutes.body(ctx), "order_no");
        // the JSON is built in the same change: a read lock cannot be taken inside the write
        ctx.status(201).json(store.write((s, at) -> invoiceJson(P21Receivables.invoice(s, orderNo, at), s)));
    }

    private void receive(Context ctx) {
        String rmaNo = ctx.pathParam("rma_no");
        ctx.json(store.write((s, at) -> {
            P21RmaService.receive(s, rmaNo, at);
            return P21RmaService.json(s.order(rmaNo).orElseThrow(), s);
        }));
    }

    static Map<String, Object> invoiceJson(P21Invoice i, P21State state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("invoice_no", i.invoiceNo());
        json.put("kind", i.creditMemo() ? "credit_memo" : "invoice");
        json.put("order_no", i.orderNo());
        json.put("web_reference_no", state.order(i.orderNo()).map(P21Order::webReferenceNo).orElse(null));
        json.put("customer_id", Long.toString(i.customerId()));
        json.put("invoice_date", i.invoiceDate().toString());
        json.put("total", i.totalAmount().toPlainString());
        json.put("tax", i.taxAmount().toPlainString());
        json.put("freight", i.freightAmount().toPlainString());
        json.put("amount_paid", i.amountPaid().toPlainString());
        json.put("paid_in_full", i.paidInFull());
        return json;
    }

    static Map<String, Object> paymentJson(P21Receipt r, P21State state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("receipt_no", r.receiptNo());
        json.put("order_no", r.orderNo());
        json.put("web_reference_no", r.orderNo() == null ? null
                : state.order(r.orderNo()).map(P21Order::webReferenceNo).orElse(null));
        json.put("invoice_no", r.invoiceNo());
        json.put("amount", r.receiptAmount().toPlainString());
        json.put("transaction_id", r.checkNo());
        json.put("method", r.paymentTypeId());
        json.put("receipt_date", r.receiptDate().toString());
        json.put("deleted", r.deleted());
        return json;
    }
}
