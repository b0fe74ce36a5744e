package dev.p21bridge.ingress.p21;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.ingress.RawEventWriter;
import dev.p21bridge.platform.topics.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's poll: reads the window page by page, writes each row version not yet on {@code raw.p21}, waits for
 * Kafka's acknowledgement of the whole page before the cursor moves past it, and stores the watermark when it
 * moved. A failure (P21 down, 5xx, timeout, Kafka not acknowledging) ends the poll with one log line and a counted
 * failure; the cursor keeps what was acknowledged and the next poll starts from there.
 */
final class P21TablePoll implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(P21TablePoll.class);

    /** A row version to write, with what it becomes on {@code raw.p21}. */
    private record Change(String rowKey, Instant modified, String recordKey, byte[] value) {
    }

    /**
     * The columns of a pick ticket's order written with it: its storefront reference, and whether the order is
     * complete (every line shipped) or cancelled, so the transformer tells a partial shipment from the last one.
     */
    private static final List<String> ORDER_COLUMNS = List.of("order_no", "web_reference_no", "customer_id",
            "completed", "cancel_flag");

    /** Orders looked up in one {@code oe_hdr} call for a page of invoices: an OData URL well within 2 KB. */
    private static final int ORDERS_PER_CALL = 20;

    private final P21Cursor cursor;
    private final P21ChangeReader reader;
    private final Producer<String, byte[]> producer;
    private final P21WatermarkStore store;
    private final P21PollerMetrics metrics;
    private final int pageSize;
    private final Duration ackTimeout;
    private final Duration interval;
    private final Clock clock;
    private P21Watermark saved;

    P21TablePoll(P21Cursor cursor, P21ChangeReader reader, Producer<String, byte[]> producer, P21WatermarkStore store,
                 P21PollerMetrics metrics, P21PollerConfig config, Duration ackTimeout, Clock clock) {
        this.cursor = cursor;
        this.reader = reader;
        this.producer = producer;
        this.store = store;
        this.metrics = metrics;
        this.pageSize = config.pageSize();
        this.interval = config.interval(cursor.table());
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.saved = cursor.watermark();
    }

    @Override
    public void run() {
        Exception failure = null;
        try {
            readWindow();
        } catch (Exception e) {
            failure = e;
        }
        try {
            // pages acknowledged before a failure moved the watermark too: store that much
            saveWatermark();
        } catch (Exception e) {
            failure = failure == null ? e : failure;
        }
        cursor.prune();
        if (failure == null) {
            metrics.polled();
            return;
        }
        metrics.failed();
        log.warn("poll of P21 {} failed, trying again in {} ms: {}", cursor.table().tableName(), interval.toMillis(),
                reason(failure));
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private void readWindow() throws Exception {
        P21Table table = cursor.table();
        P21ChangeQuery query = P21ChangeQuery.first(table, cursor.windowStart(), pageSize);
        while (true) {
            List<ObjectNode> rows = reader.changes(query);
            if (table == P21Table.INVOICES) {
                addOrderReferences(rows);
            }
            List<Change> changes = new ArrayList<>();
            for (ObjectNode row : rows) {
                String rowKey = table.rowKey(row);
                Instant modified = P21Table.modified(row);
                if (cursor.isNew(rowKey, modified)) {
                    changes.add(new Change(rowKey, modified, table.recordKey(row), value(row)));
                }
            }
            write(changes);
            if (rows.size() < pageSize) {
                return;
            }
            query = query.next(rows.get(rows.size() - 1));
        }
    }

    private void write(List<Change> changes) throws Exception {
        P21Table table = cursor.table();
        List<Future<RecordMetadata>> acks = new ArrayList<>(changes.size());
        for (Change change : changes) {
            RecordHeaders headers = RawEventWriter.headers(table.eventType(),
                    table.eventId(change.rowKey(), change.modified()), "p21", clock);
            acks.add(producer.send(new ProducerRecord<>(Topics.RAW_P21.name(), null, change.recordKey(),
                    change.value(), headers)));
        }
        RawEventWriter.awaitAcknowledged(acks, ackTimeout, "records");
        for (Change change : changes) {
            cursor.written(change.rowKey(), change.modified());
        }
        // a long catch-up (a full load) would otherwise hold every event id of the poll until its end
        cursor.prune();
        metrics.written(changes.size());
    }

    /** The record value: the row as P21 returned it; for a pick ticket, with its detail rows and its order. */
    private byte[] value(ObjectNode row) throws IOException {
        if (cursor.table() != P21Table.SHIPMENTS) {
            return P21ChangeReader.JSON.writeValueAsBytes(row);
        }
        ObjectNode shipment = P21ChangeReader.JSON.createObjectNode();
        shipment.set("pick_ticket", row);
        String ticket = P21ChangeQuery.literal(row.get("pick_ticket_no"));
        shipment.putArray("details").addAll(reader.all("oe_pick_ticket_detail", "pick_ticket_no eq " + ticket,
                "oe_line_no asc", null, pageSize));
        shipment.set("order", order(row.get("order_no")));
        return P21ChangeReader.JSON.writeValueAsBytes(shipment);
    }

    private JsonNode order(JsonNode orderNo) throws IOException {
        if (orderNo == null || orderNo.isNull()) {
            return null;
        }
        List<ObjectNode> orders = reader.all("oe_hdr", "order_no eq " + P21ChangeQuery.literal(orderNo),
                "order_no asc", String.join(",", ORDER_COLUMNS), pageSize);
        if (orders.isEmpty()) {
            log.warn("order {} of a P21 pick ticket is not in oe_hdr; the shipment is written without it", orderNo);
            return null;
        }
        ObjectNode order = P21ChangeReader.JSON.createObjectNode();
        for (String column : ORDER_COLUMNS) {
            order.set(column, orders.get(0).get(column));
        }
        return order;
    }

    /**
     * Writes into each invoice row its order's {@code web_reference_no} and {@code rma_flag} (null when P21 has no
     * such order), read from {@code oe_hdr} a few orders per call ({@code or}, since P21's OData ignores
     * {@code in(...)}).
     */
    private void addOrderReferences(List<ObjectNode> rows) throws IOException {
        Map<String, JsonNode> orders = new HashMap<>();
        Map<String, JsonNode> byText = new LinkedHashMap<>();
        rows.stream().map(row -> row.path("order_no")).filter(no -> !no.isMissingNode() && !no.isNull())
                .forEach(no -> byText.putIfAbsent(no.asText(), no));
        List<JsonNode> orderNos = List.copyOf(byText.values());
        for (int from = 0; from < orderNos.size(); from += ORDERS_PER_CALL) {
            List<JsonNode> some = orderNos.subList(from, Math.min(orderNos.size(), from + ORDERS_PER_CALL));
            String filter = some.stream().map(no -> "order_no eq " + P21ChangeQuery.literal(no))
                    .collect(Collectors.joining(" or "));
            for (ObjectNode order : reader.all("oe_hdr", filter, "order_no asc", "order_no,web_reference_no,rma_flag",
                    pageSize)) {
                orders.put(order.path("order_no").asText(), order);
            }
        }
        for (ObjectNode row : rows) {
            JsonNode order = orders.get(row.path("order_no").asText());
            row.set("web_reference_no", order == null ? null : order.get("web_reference_no"));
            row.set("rma_flag", order == null ? null : order.get("rma_flag"));
        }
    }

    private void saveWatermark() throws Exception {
        P21Watermark current = cursor.watermark();
        if (!current.equals(saved)) {
            store.save(cursor.table(), current);
            saved = current;
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
