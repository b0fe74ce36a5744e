package dev.p21bridge.p21;

import static dev.p21bridge.p21client.P21ODataClient.literal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ODataClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what P21 holds of one sales order the sink created, through OData ({@code oe_hdr}, {@code oe_line}): whether
 * it is cancelled ({@code cancel_flag}), whether any goods shipped ({@code qty_invoiced}; P21 invoices at shipping
 * confirmation), its ship-to and its lines. The sink reads it before it changes or cancels an order, and only then.
 */
public final class P21OrderReader {

    /** One {@code oe_line} row. */
    public record Line(int lineNo, String itemId, BigDecimal qtyOrdered, BigDecimal qtyInvoiced, BigDecimal unitPrice) {
    }

    /** The order as P21 holds it; {@code shipTo} by the {@code ship2_*} column names. */
    public record State(String orderNo, boolean cancelled, Map<String, String> shipTo, BigDecimal freight,
                        BigDecimal tax, List<Line> lines) {

        /** True when any line has goods invoiced, i.e. shipped. */
        public boolean shipped() {
            return lines.stream().anyMatch(line -> line.qtyInvoiced().signum() > 0);
        }
    }

    /** Whether the order is on hold ({@code approved} off) and whether it is cancelled. */
    public record Approval(boolean held, boolean cancelled) {
    }

    static final List<String> SHIP_TO = List.of("ship2_name", "ship2_add1", "ship2_add2", "ship2_city", "ship2_state",
            "ship2_zip", "ship2_country");

    private final P21ODataClient odata;

    public P21OrderReader(P21ODataClient odata) {
        this.odata = odata;
    }

    /** The order numbered {@code orderNo}; a {@link P21CallException} when P21 has no such header. */
    public State read(String orderNo) {
        List<? extends JsonNode> headers = odata.query("oe_hdr", "order_no eq " + literal(orderNo),
                "order_no,cancel_flag,freight_out,tax_amount," + String.join(",", SHIP_TO), "order_no", 1);
        if (headers.isEmpty()) {
            throw new P21CallException(200, "oe_hdr has no order " + orderNo);
        }
        JsonNode header = headers.get(0);
        Map<String, String> shipTo = new LinkedHashMap<>();
        for (String column : SHIP_TO) {
            JsonNode value = header.path(column);
            shipTo.put(column, value.isMissingNode() || value.isNull() ? null : value.asText());
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode row : odata.query("oe_line", "order_no eq " + literal(orderNo),
                "line_no,item_id,qty_ordered,qty_invoiced,unit_price,delete_flag", "line_no", 1000)) {
            if ("Y".equalsIgnoreCase(row.path("delete_flag").asText("N"))) {
                continue;
            }
            lines.add(new Line(row.path("line_no").asInt(), row.path("item_id").asText(),
                    decimal(row.path("qty_ordered")), decimal(row.path("qty_invoiced")), decimal(row.path("unit_price"))));
        }
        return new State(orderNo, "Y".equalsIgnoreCase(header.path("cancel_flag").asText("N")), shipTo,
                decimal(header.path("freight_out")), decimal(header.path("tax_amount")), lines);
    }

    /** The order's hold and cancellation flags; a {@link P21CallException} when P21 has no such header. */
    public Approval approval(String orderNo) {
        List<? extends JsonNode> headers = odata.query("oe_hdr", "order_no eq " + literal(orderNo),
                "order_no,approved,cancel_flag", "order_no", 1);
        if (headers.isEmpty()) {
            throw new P21CallException(200, "oe_hdr has no order " + orderNo);
        }
        JsonNode header = headers.get(0);
        // flags as codes (N, Y) or display values (OFF, ON), as the Transaction API takes them
        String approved = header.path("approved").asText("Y");
        String cancelled = header.path("cancel_flag").asText("N");
        return new Approval("N".equalsIgnoreCase(approved) || "OFF".equalsIgnoreCase(approved),
                "Y".equalsIgnoreCase(cancelled) || "ON".equalsIgnoreCase(cancelled));
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? BigDecimal.ZERO
                : new BigDecimal(node.asText());
    }
}
