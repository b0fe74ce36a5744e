package dev.p21bridge.p21;

import static dev.p21bridge.p21client.P21ODataClient.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ODataClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Finds in P21 what the sink wrote before, through OData: a customer by e-mail (with the fields a store may change,
 * to write only what differs) and a sales order by the storefront order key it put in {@code web_reference_no}. The
 * sink reads P21 for nothing else.
 */
public final class P21RecordFinder {

    /**
     * A sales order found in {@code oe_hdr}; {@code customerId} and {@code createdAt} ({@code date_created}) are
     * empty when the row did not carry them.
     */
    public record OrderRef(String orderNo, Optional<String> customerId, Optional<Instant> createdAt) {
    }

    /** A cash receipt found by its {@code check_no}; {@code deleted} when it was voided in P21. */
    public record ReceiptRef(String receiptNo, String description, boolean deleted) {
    }

    /** A P21 customer found by e-mail, with the columns a storefront may change. */
    public record CustomerRef(String customerId, P21CustomerFields fields) {
    }

    private static final String CUSTOMER_COLUMNS = "customer_id,email_address,"
            + String.join(",", P21CustomerFields.STORE_MAY_CHANGE);

    private final P21ODataClient odata;

    public P21RecordFinder(P21ODataClient odata) {
        this.odata = odata;
    }

    /** The P21 customer whose {@code email_address} is {@code email} (compared lower-cased); the lowest id if several. */
    public Optional<String> findCustomerIdByEmail(String email) {
        String filter = "email_address eq " + literal(email.trim().toLowerCase(Locale.ROOT));
        return odata.query("customer", filter, "customer_id,email_address", "customer_id", 1).stream()
                .map(row -> row.path("customer_id"))
                .filter(id -> !id.isMissingNode() && !id.isNull())
                .map(JsonNode::asText)
                .findFirst();
    }

    /**
     * The P21 customer whose {@code email_address} is {@code email} (compared lower-cased), with its changeable
     * fields; the lowest id if several, as {@link #findCustomerIdByEmail}.
     */
    public Optional<CustomerRef> findCustomerByEmail(String email) {
        String filter = "email_address eq " + literal(email.trim().toLowerCase(Locale.ROOT));
        return odata.query("customer", filter, CUSTOMER_COLUMNS, "customer_id", 1).stream()
                .filter(row -> !row.path("customer_id").isMissingNode() && !row.path("customer_id").isNull())
                .map(row -> new CustomerRef(row.path("customer_id").asText(), P21CustomerFields.of(row)))
                .findFirst();
    }

    /**
     * Every customer of P21 that has an e-mail, handed to {@code into} (lower-cased e-mail, customer id) page by page,
     * highest id first, so of several customers sharing an e-mail the lowest id, the one {@link #findCustomerIdByEmail}
     * answers, comes last. Pages are keyed by {@code customer_id} ({@code lt} the last one seen), not skipped by
     * count, so a customer created meanwhile cannot shift a page. Answers the customers read.
     */
    public long forEachCustomer(int pageSize, BiConsumer<String, String> into) {
        long read = 0;
        String below = null;
        while (true) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("$filter", below == null ? null : "customer_id lt " + below);
            options.put("$select", "customer_id,email_address");
            options.put("$orderby", "customer_id desc");
            options.put("$top", Integer.toString(pageSize));
            List<ObjectNode> page = odata.query("customer", options);
            for (ObjectNode row : page) {
                String id = row.path("customer_id").asText("");
                String email = row.path("email_address").asText("").trim().toLowerCase(Locale.ROOT);
                if (!id.isEmpty() && email.indexOf('@') > 0) {
                    into.accept(email, id);
                    read++;
                }
                below = id.isEmpty() ? below : id;
            }
            if (page.size() < pageSize || below == null) {
                return read;
            }
        }
    }

    public Optional<String> findOrderNoByWebReference(String orderKey) {
        return findOrderByWebReference(orderKey).map(OrderRef::orderNo);
    }

    /**
     * The sales order the sink created for {@code orderKey}, found by {@code oe_hdr.web_reference_no}. A row whose
     * {@code web_reference_no} is not exactly the key is not taken: P21's SQL Server compares case-insensitively, so
     * {@code clarity:ab-1} would otherwise find the order of {@code clarity:AB-1}, and the sink would confirm an order
     * it never created and leave the other one unwritten.
     */
    public Optional<OrderRef> findOrderByWebReference(String orderKey) {
        return findOrdersByWebReference(List.of(orderKey)).get(orderKey);
    }

    /**
     * {@link #findOrderByWebReference} for several keys in one call, their equalities joined by {@code or}; every
     * key is in the answer, empty when P21 has no order for it. With several keys a row is given to the key its
     * {@code web_reference_no} spells exactly, so a row without that column cannot be placed and fails the call
     * ({@link P21CallException} with status 200); with one key such a row is taken, as it always was.
     */
    public Map<String, Optional<OrderRef>> findOrdersByWebReference(List<String> orderKeys) {
        String filter = orderKeys.stream().map(key -> "web_reference_no eq " + literal(key))
                .collect(Collectors.joining(" or "));
        List<? extends JsonNode> rows = odata.query("oe_hdr", filter,
                "order_no,customer_id,web_reference_no,date_created", "order_no", 10 * orderKeys.size());
        Map<String, Optional<OrderRef>> found = new HashMap<>();
        orderKeys.forEach(key -> found.put(key, Optional.empty()));
        for (JsonNode row : rows) {
            if (row.path("order_no").isMissingNode() || row.path("order_no").isNull()) {
                continue;
            }
            String key;
            if (row.path("web_reference_no").isMissingNode()) {
                if (orderKeys.size() > 1) {
                    throw new P21CallException(200, "oe_hdr rows without web_reference_no: cannot tell "
                            + orderKeys.size() + " orders apart");
                }
                key = orderKeys.get(0);
            } else {
                key = row.path("web_reference_no").asText();
            }
            // rows come by order_no: the first one of a key is its lowest order number
            if (found.containsKey(key) && found.get(key).isEmpty()) {
                found.put(key, Optional.of(new OrderRef(row.path("order_no").asText(), text(row.path("customer_id")),
                        text(row.path("date_created")).flatMap(P21RecordFinder::instant))));
            }
        }
        return found;
    }

    /**
     * The cash receipts whose {@code check_no} is {@code transactionId} and whose {@code description} is the order
     * key, as the sink writes them; voided ones included, so a payment voided in P21 is not recorded again.
     */
    public List<ReceiptRef> findReceipts(String transactionId, String orderKey) {
        return odata.query("ar_receipts", "check_no eq " + literal(transactionId),
                        "receipt_no,check_no,description,delete_flag", "receipt_no", 20).stream()
                .filter(row -> orderKey.equals(row.path("description").asText(null)))
                .map(row -> new ReceiptRef(row.path("receipt_no").asText(), row.path("description").asText(),
                        "Y".equalsIgnoreCase(row.path("delete_flag").asText("N"))))
                .toList();
    }

    /** The invoice of P21 order {@code orderNo} ({@code invoice_hdr}, adjustment type {@code I}), if it is invoiced. */
    public Optional<String> findInvoiceNo(String orderNo) {
        return odata.query("invoice_hdr", "order_no eq " + literal(orderNo),
                        "invoice_no,order_no,invoice_adjustment_type", "invoice_no", 10).stream()
                .filter(row -> "I".equalsIgnoreCase(row.path("invoice_adjustment_type").asText("I")))
                .map(row -> row.path("invoice_no").asText())
                .findFirst();
    }

    /**
     * An OData date-time: ISO-8601 with an offset, or without one (P21's SQL Server {@code datetime}), then read as
     * UTC, the zone P21 servers keep; empty when it is neither.
     */
    static Optional<Instant> instant(String value) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value).toInstant());
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                return Optional.of(java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC));
            } catch (java.time.format.DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank()
                ? Optional.empty() : Optional.of(node.asText());
    }
}
