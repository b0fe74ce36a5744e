package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.faults.FaultInjector;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control API under {@code /sim} (docs/contract.md, section 'Simulators'): what a merchant or a test uses to look
 * inside the simulated P21 and to act as a P21 user would. Money and quantities are JSON strings in plain decimal
 * notation, so they are exact; every refused request answers {@code {"error": "..."}} with 400 (or 404 for an unknown
 * order or item).
 */
final class P21ControlRoutes {

    private final P21Store store;
    private final P21Warehouse warehouse;
    private final FaultInjector faults;

    P21ControlRoutes(P21Store store, FaultInjector faults) {
        this.store = store;
        this.warehouse = new P21Warehouse(store);
        this.faults = faults;
    }

    void install(JavalinConfig cfg) {
        cfg.routes.get("/sim/health", ctx -> ctx.json(Map.of("status", "UP")));
        cfg.routes.get("/sim/orders", this::orders);
        cfg.routes.get("/sim/customers", ctx -> ctx.json(store.read(s -> s.customers().stream()
                .map(P21ControlRoutes::customerJson).toList())));
        cfg.routes.post("/sim/customers", this::changeCustomer);
        cfg.routes.get("/sim/inventory", ctx -> ctx.json(store.read(s -> s.stock().stream()
                .map(row -> stockJson(row, true)).toList())));
        cfg.routes.get("/sim/inventory/{item_id}", ctx -> ctx.json(warehouse.stockOf(ctx.pathParam("item_id")).stream()
                .map(row -> stockJson(row, false)).toList()));
        cfg.routes.post("/sim/inventory", this::setInventory);
        cfg.routes.post("/sim/items", this::addItem);
        cfg.routes.post("/sim/shipments", this::ship);
        cfg.routes.post("/sim/orders/{order_no}/cancel", this::cancel);
        cfg.routes.post("/sim/orders/{order_no}/release", this::release);
        cfg.routes.post("/sim/reset", ctx -> {
            store.reset();
            faults.clear();
            ctx.json(Map.of("reset", true));
        });
        cfg.routes.exception(P21ControlException.class,
                (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
    }

    private void orders(Context ctx) {
        String reference = ctx.queryParam("web_reference_no");
        ctx.json(store.read(s -> s.orders().stream()
                .filter(o -> !o.rma())
                .filter(o -> reference == null || reference.equals(o.webReferenceNo()))
                .map(P21ControlRoutes::orderJson).toList()));
    }

    /**
     * Changes a customer as a P21 user would in Customer Maintenance: the given columns of {@link P21Customer#EDITABLE}
     * (others are refused), and {@code date_last_modified} set to now, so the change poller sees it.
     */
    private void changeCustomer(Context ctx) {
        JsonNode body = body(ctx);
        String idText = requiredText(body, "customer_id");
        Map<String, String> edits = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("customer_id")) {
                if (!P21Customer.EDITABLE.contains(name)) {
                    throw P21ControlException.badRequest(name + " is not a customer column this simulator can change;"
                            + " expected any of " + P21Customer.EDITABLE);
                }
                edits.put(name, optionalText(body, name));
            }
        });
        P21Customer changed = store.write((state, at) -> {
            P21Customer customer = P21OrderService.customerId(idText).flatMap(state::customer)
                    .orElseThrow(() -> P21ControlException.notFound("no customer " + idText));
            P21Customer updated = customer.withEdits(edits, at);
            state.putCustomer(updated);
            return updated;
        });
        ctx.json(customerJson(changed));
    }

    private void setInventory(Context ctx) {
        JsonNode body = body(ctx);
        String itemId = requiredText(body, "item_id");
        long location = location(requiredText(body, "location_id"));
        BigDecimal onHand = decimal(body, "qty_on_hand");
        if (onHand.signum() < 0) {
            throw P21ControlException.badRequest("qty_on_hand must not be negative, got " + onHand.toPlainString());
        }
        ctx.json(warehouse.setOnHand(itemId, location, onHand).stream().map(row -> stockJson(row, false)).toList());
    }

    private void addItem(Context ctx) {
        JsonNode body = body(ctx);
        String itemId = requiredText(body, "item_id");
        if (itemId.length() > 40 || !itemId.equals(itemId.strip())) {
            throw P21ControlException.badRequest("item_id must be at most 40 characters without surrounding spaces");
        }
        String description = requiredText(body, "item_desc");
        BigDecimal price = decimal(body, "list_price");
        if (price.signum() < 0) {
            throw P21ControlException.badRequest("list_price must not be negative");
        }
        P21Item item = warehouse.addItem(itemId, description, price);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inv_mast_uid", Long.toString(item.invMastUid()));
        json.put("item_id", item.itemId());
        json.put("item_desc", item.itemDesc());
        json.put("list_price", item.listPrice().toPlainString());
        ctx.status(201).json(json);
    }

    private void ship(Context ctx) {
        JsonNode body = body(ctx);
        String orderNo = requiredText(body, "order_no");
        P21PickTicket ticket = warehouse.ship(orderNo, optionalText(body, "carrier_id"),
                optionalText(body, "tracking_no"), quantities(body));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pick_ticket_no", Long.toString(ticket.pickTicketNo()));
        json.put("order_no", ticket.orderNo());
        json.put("carrier_id", ticket.carrierId());
        json.put("tracking_no", ticket.trackingNo());
        json.put("ship_date", ticket.shipDate().toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (P21PickTicket.Line line : ticket.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("oe_line_no", Integer.toString(line.oeLineNo()));
            l.put("item_id", line.itemId());
            l.put("ship_quantity", line.shipQuantity().toPlainString());
            lines.add(l);
        }
        json.put("lines", lines);
        ctx.status(201).json(json);
    }

    /**
     * Cancels an order as a P21 user does in Order Entry: its allocation is released. 404 for an unknown order, 400
     * when goods have shipped or it is cancelled already.
     */
    private void cancel(Context ctx) {
        String orderNo = ctx.pathParam("order_no");
        P21Order cancelled = store.write((state, at) -> {
            if (state.order(orderNo).isEmpty()) {
                throw P21ControlException.notFound("order_no " + orderNo + " not found");
            }
            try {
                return P21OrderService.cancel(state, orderNo, at);
            } catch (P21Rejection e) {
                throw P21ControlException.badRequest(e.getMessage());
            }
        });
        ctx.json(orderJson(cancelled));
    }

    /** Takes an order off hold as a P21 user does by approving it; 404 for an unknown order, 400 when not held. */
    private void release(Context ctx) {
        String orderNo = ctx.pathParam("order_no");
        P21Order released = store.write((state, at) -> {
            if (state.order(orderNo).filter(o -> !o.rma()).isEmpty()) {
                throw P21ControlException.notFound("order_no " + orderNo + " not found");
            }
            try {
                return P21OrderService.release(state, orderNo, at);
            } catch (P21Rejection e) {
                throw P21ControlException.badRequest(e.getMessage());
            }
        });
        ctx.json(orderJson(released));
    }

    static Map<String, Object> orderJson(P21Order o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("order_no", o.orderNo());
        json.put("web_reference_no", o.webReferenceNo());
        json.put("po_no", o.poNo());
        json.put("customer_id", Long.toString(o.customerId()));
        json.put("order_date", o.orderDate().toString());
        json.put("requested_date", o.requestedDate().toString());
        json.put("sales_loc_id", Long.toString(o.salesLocId()));
        json.put("source_loc_id", Long.toString(o.sourceLocId()));
        json.put("taker", o.taker());
        json.put("salesrep_id", o.salesrepId());
        json.put("completed", o.completed());
        json.put("status", o.status());
        json.put("hold_reason", o.holdReason());
        json.put("approved", o.held() ? "N" : "Y");
        json.put("cancel_flag", o.cancelled() ? "Y" : "N");
        json.put("ship_via", o.shipVia());
        json.put("terms", o.terms());
        json.put("notes", o.notes());
        P21Address s = o.shipTo();
        Map<String, Object> shipTo = new LinkedHashMap<>();
        shipTo.put("name", s.name());
        shipTo.put("add1", s.line1());
        shipTo.put("add2", s.line2());
        shipTo.put("city", s.city());
        shipTo.put("state", s.state());
        shipTo.put("zip", s.postalCode());
        shipTo.put("country", s.country());
        json.put("ship_to", shipTo);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (P21OrderLine line : o.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("line_no", Integer.toString(line.lineNo()));
            l.put("item_id", line.itemId());
            l.put("qty_ordered", line.qtyOrdered().toPlainString());
            l.put("unit_price", line.unitPrice().toPlainString());
            l.put("extended_price", line.extendedPrice().toPlainString());
            l.put("other_charge", line.otherCharge());
            lines.add(l);
        }
        json.put("lines", lines);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("merchandise", o.merchandise().toPlainString());
        totals.put("discount", o.discount().toPlainString());
        totals.put("freight", o.freightOut().toPlainString());
        totals.put("tax", o.taxAmount().toPlainString());
        totals.put("total", o.total().toPlainString());
        json.put("totals", totals);
        return json;
    }

    private static Map<String, Object> customerJson(P21Customer c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customer_id", Long.toString(c.customerId()));
        json.putAll(c.fields());
        json.put("date_created", c.dateCreated().toString());
        json.put("date_last_modified", c.dateLastModified().toString());
        return json;
    }

    private static Map<String, Object> stockJson(P21Stock row, boolean withItem) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (withItem) {
            json.put("item_id", row.itemId());
        }
        json.put("location_id", Long.toString(row.locationId()));
        json.put("qty_on_hand", row.qtyOnHand().toPlainString());
        json.put("qty_allocated", row.qtyAllocated().toPlainString());
        return json;
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode body = P21Json.MAPPER.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw P21ControlException.badRequest("the body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw P21ControlException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw P21ControlException.badRequest("the body could not be read");
        }
    }

    /** The optional {@code lines [{"oe_line_no", "qty"}]} of a partial pick ticket, by order line. */
    private static Map<Integer, BigDecimal> quantities(JsonNode body) {
        JsonNode lines = body.get("lines");
        if (lines == null || lines.isNull()) {
            return Map.of();
        }
        if (!lines.isArray()) {
            throw P21ControlException.badRequest("lines must be an array of {\"oe_line_no\", \"qty\"}");
        }
        Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
        for (JsonNode line : lines) {
            if (!line.isObject()) {
                throw P21ControlException.badRequest("lines must be an array of {\"oe_line_no\", \"qty\"}");
            }
            String lineNo = requiredText(line, "oe_line_no");
            try {
                quantities.merge(Integer.parseInt(lineNo.trim()), decimal(line, "qty"), BigDecimal::add);
            } catch (NumberFormatException e) {
                throw P21ControlException.badRequest("oe_line_no must be a whole number, got '" + lineNo + "'");
            }
        }
        return quantities;
    }

    static String requiredText(JsonNode body, String name) {
        String value = optionalText(body, name);
        if (value == null || value.isBlank()) {
            throw P21ControlException.badRequest(name + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw P21ControlException.badRequest(name + " must be a string");
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    private static BigDecimal decimal(JsonNode body, String name) {
        String text = requiredText(body, name);
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw P21ControlException.badRequest(name + " must be a decimal number, got '" + text + "'");
        }
    }

    private static long location(String text) {
        try {
            long location = Long.parseLong(text.trim());
            if (location > 0) {
                return location;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw P21ControlException.badRequest("location_id must be a positive whole number, got '" + text + "'");
    }
}
