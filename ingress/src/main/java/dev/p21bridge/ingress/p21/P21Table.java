package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The P21 OData tables the poller watches, with what a changed row becomes on {@code raw.p21}: its event type, the
 * columns that identify a row (its OData key, also the tie-break of {@code $orderby}) and the column that is the
 * record key. Every location of an item shares the record key {@code item_id}, so they land on one partition.
 */
public enum P21Table {

    INVENTORY("inv_loc", "inventory.changed", List.of("item_id", "location_id"), "item_id", null),
    SHIPMENTS("oe_pick_ticket", "shipment.created", List.of("pick_ticket_no"), "pick_ticket_no", null),
    CUSTOMERS("customer", "customer.changed", List.of("customer_id"), "customer_id", null),
    ITEMS("inv_mast", "item.changed", List.of("item_id"), "item_id", null),
    /**
     * Sales order headers, for their status (accepted, cancelled): only the columns that say it are read, so no
     * ship-to name or address reaches {@code raw.p21} for a status.
     */
    ORDERS("oe_hdr", "order.changed", List.of("order_no"), "order_no",
            "order_no,web_reference_no,customer_id,completed,cancel_flag,delete_flag,approved,rma_flag,date_created,"
                    + "date_last_modified"),
    /**
     * Invoices and credit memos ({@code invoice_adjustment_type} I or C). The table has no {@code web_reference_no}:
     * each row is written with its order's {@code web_reference_no} and {@code rma_flag}, read from {@code oe_hdr}.
     */
    INVOICES("invoice_hdr", "invoice.changed", List.of("invoice_no"), "order_no", null),
    /** Cash receipts: the payments P21 recorded, for the reconciliation. */
    RECEIPTS("ar_receipts", "receipt.changed", List.of("receipt_no"), "receipt_no", null);

    /** The column every P21 row carries and the poller's watermark follows. */
    public static final String DATE_LAST_MODIFIED = "date_last_modified";

    private final String tableName;
    private final String eventType;
    private final List<String> keyColumns;
    private final String recordKeyColumn;
    private final String select;

    P21Table(String tableName, String eventType, List<String> keyColumns, String recordKeyColumn, String select) {
        this.select = select;
        this.tableName = tableName;
        this.eventType = eventType;
        this.keyColumns = keyColumns;
        this.recordKeyColumn = recordKeyColumn;
    }

    public String tableName() {
        return tableName;
    }

    public String eventType() {
        return eventType;
    }

    /** The OData {@code $select} of a poll, or null for every column. */
    public String select() {
        return select;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The row's identity: its key columns joined by {@code /}, e.g. {@code HX-4410/10} for an {@code inv_loc} row. */
    public String rowKey(JsonNode row) {
        StringBuilder key = new StringBuilder();
        for (String column : keyColumns) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(text(row, column));
        }
        return key.toString();
    }

    /** The Kafka record key of a changed row. */
    public String recordKey(JsonNode row) {
        return text(row, recordKeyColumn);
    }

    /** {@code <table>:<row key>:<date_last_modified>}: the same row version always gets the same id. */
    public String eventId(String rowKey, Instant modified) {
        return tableName + ":" + rowKey + ":" + modified;
    }

    /**
     * The row's {@code date_last_modified}. P21 writes ISO-8601 with {@code Z}, with an offset, or without a zone
     * (read as UTC, the zone P21's OData service reports).
     */
    public static Instant modified(JsonNode row) {
        JsonNode value = row.get(DATE_LAST_MODIFIED);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("row without " + DATE_LAST_MODIFIED);
        }
        return parseInstant(value.asText());
    }

    static Instant parseInstant(String text) {
        try {
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase());
            }
            if (text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time", e);
        }
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("row without " + column);
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }
}
