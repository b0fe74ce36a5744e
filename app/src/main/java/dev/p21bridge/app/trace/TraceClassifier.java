package dev.p21bridge.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Shipment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a record on a traced topic tells the trace index: which order it belongs to, the e-mail and P21 order number
 * that lead to that order, and a one-line summary without personal data. Canonical records are keyed by order key
 * already; raw webhooks by the storefront's entity id with the source in a header; retries and dead letters keep the
 * failed record's key, so their original topic decides how the key is read.
 */
final class TraceClassifier {

    /** Canonical topics keyed {@code <store>:<order id>}. */
    static final Set<String> ORDER_KEYED = Set.of(Topics.CANONICAL_ORDERS.name(), Topics.CANONICAL_SHIPMENTS.name(),
            Topics.CANONICAL_PAYMENTS.name(), Topics.CANONICAL_RETURNS.name(),
            Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), Topics.CANONICAL_ORDER_STATUS.name(),
            Topics.CANONICAL_INVOICES.name(), Topics.CANONICAL_PAYMENT_RECEIPTS.name());
    private static final Set<String> STOREFRONT_RAW = Set.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name());
    private static final int MAX_SUMMARY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CanonicalRecords canonical;

    TraceClassifier(CanonicalRecords canonical) {
        this.canonical = canonical;
    }

    /** Every topic that carries part of an order's life, in the order the trace index subscribes to them. */
    static List<String> tracedTopics() {
        List<String> topics = new ArrayList<>(List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name(),
                Topics.RAW_P21.name(), Topics.CANONICAL_CUSTOMERS.name()));
        topics.addAll(ORDER_KEYED.stream().sorted().toList());
        topics.add(Topics.RESYNC_ORDERS.name());
        for (String service : Topics.SERVICES_WITH_RETRY) {
            for (int level = 1; level <= Topics.RETRY_LEVELS; level++) {
                topics.add(Topics.retry(service, level).name());
            }
        }
        Topics.SERVICES_WITH_DLQ.stream().map(Topics::deadLetters).map(Topic::name).forEach(topics::add);
        return List.copyOf(topics);
    }

    /** The index updates of one record; none when it concerns no order (a product, a stock level, a tombstone). */
    List<IndexUpdate> classify(String topic, int partition, long offset, long timestamp, String key, byte[] value,
                               Headers headers) {
        if (value == null || key == null) {
            return List.of();
        }
        Facts facts;
        if (topic.startsWith("dlq.")) {
            facts = deadLetter(topic, key, value, headers);
        } else if (topic.startsWith("retry.")) {
            facts = retry(key, value, headers);
        } else {
            facts = facts(topic, key, value, headers);
        }
        if (facts == null) {
            return List.of();
        }
        TraceEntry entry = new TraceEntry(topic, partition, offset, timestamp, facts.kind(), clip(facts.summary()));
        List<IndexUpdate> updates = new ArrayList<>();
        if (facts.orderKey() != null) {
            updates.add(new IndexUpdate(IndexKeys.order(facts.orderKey()), IndexValue.empty().withEntry(entry)));
            if (facts.email() != null) {
                updates.add(new IndexUpdate(IndexKeys.email(facts.email()),
                        IndexValue.empty().withOrder(facts.orderKey(), timestamp)));
            }
            if (facts.p21OrderNo() != null) {
                updates.add(new IndexUpdate(IndexKeys.p21(facts.p21OrderNo()),
                        IndexValue.empty().withOrder(facts.orderKey(), timestamp)));
            }
        } else if (facts.email() != null) {
            updates.add(new IndexUpdate(IndexKeys.email(facts.email()), IndexValue.empty().withEntry(entry)));
        }
        return updates;
    }

    /** What a record says, before it is placed in the index; any part may be null. */
    private record Facts(String orderKey, String email, String p21OrderNo, String kind, String summary) {
    }

    private Facts facts(String topic, String key, byte[] value, Headers headers) {
        if (STOREFRONT_RAW.contains(topic)) {
            return webhook(topic, key, headers);
        }
        if (topic.equals(Topics.RAW_P21.name())) {
            return p21Change(value, headers);
        }
        if (ORDER_KEYED.contains(topic) || topic.equals(Topics.CANONICAL_CUSTOMERS.name())) {
            return canonical(topic, key, value);
        }
        if (topic.equals(Topics.RESYNC_ORDERS.name())) {
            return resync(key, value, headers);
        }
        return null;
    }

    private static Facts webhook(String topic, String key, Headers headers) {
        String type = header(headers, "event-type");
        String source = header(headers, "source");
        if (type == null || !(type.startsWith("order.") || type.startsWith("payment.") || type.startsWith("return."))) {
            return null;
        }
        String store = source != null ? source : topic.substring(topic.indexOf('.') + 1);
        return new Facts(store + ":" + key, null, null, "webhook", type + " webhook, event id " + header(headers, "event-id"));
    }

    private static Facts p21Change(byte[] value, Headers headers) {
        JsonNode row = json(value);
        String reference = row == null ? null : text(row.get("web_reference_no"));
        if (reference == null || reference.indexOf(':') <= 0) {
            return null;
        }
        // an RMA's reference is <store>:<order id>:<return id>; its order is the first two parts
        String[] parts = reference.split(":");
        String orderKey = parts[0] + ":" + parts[1];
        String orderNo = text(row.get("order_no"));
        return new Facts(orderKey, null, orderNo, "p21-change", header(headers, "event-type") + " polled from P21"
                + (orderNo == null ? "" : ", P21 order " + orderNo));
    }

    private Facts canonical(String topic, String key, byte[] value) {
        SpecificRecord record;
        try {
            record = canonical.read(topic, value);
        } catch (RuntimeException e) {
            String kind = topic.equals(Topics.CANONICAL_CUSTOMERS.name()) ? "customer" : kindOf(topic);
            return topic.equals(Topics.CANONICAL_CUSTOMERS.name())
                    ? new Facts(null, key, null, kind, "unreadable customer record: " + e.getMessage())
                    : new Facts(key, null, null, kind, "unreadable record: " + e.getMessage());
        }
        if (record instanceof Order o) {
            return new Facts(key, o.getCustomer().getEmail(), null, "order", o.getChangeType() + " "
                    + o.getLines().size() + " line(s), total " + o.getTotals().getTotal().toPlainString() + " "
                    + o.getCurrency() + ", buyer " + PersonalData.maskEmail(o.getCustomer().getEmail()));
        }
        if (record instanceof OrderConfirmation c) {
            return new Facts(key, null, c.getP21OrderNo(), "confirmation", "P21 order " + c.getP21OrderNo()
                    + " for P21 customer " + c.getP21CustomerId()
                    + (c.getAlreadyExisted() ? " (found in P21, created before)" : "")
                    + (c.getSkippedReason() == null ? "" : "; skipped: " + c.getSkippedReason()));
        }
        if (record instanceof OrderStatus s) {
            return new Facts(key, null, s.getP21OrderNo(), "status", s.getStatus() + " in P21 (status "
                    + s.getP21Status() + ")" + (s.getPickTicketNo() == null ? "" : ", pick ticket " + s.getPickTicketNo()));
        }
        if (record instanceof Shipment s) {
            return new Facts(key, null, s.getP21OrderNo(), "shipment", "shipped by "
                    + (s.getCarrier() == null ? "an unnamed carrier" : s.getCarrier()) + ", tracking "
                    + String.join(", ", s.getTrackingNumbers()) + ", pick ticket " + s.getPickTicketNo());
        }
        if (record instanceof PaymentCapture p) {
            return new Facts(key, null, null, "payment", p.getKind() + " of "
                    + (p.getPayment().getAmount() == null ? "an unstated amount" : p.getPayment().getAmount().toPlainString()
                    + " " + p.getCurrency()) + (p.getPayment().getMethod() == null ? "" : " by " + p.getPayment().getMethod()));
        }
        if (record instanceof ReturnRequest r) {
            return new Facts(key, null, null, "return", "return " + r.getReturnId() + ", " + r.getLines().size()
                    + " line(s), refund " + r.getRefundTotal().toPlainString());
        }
        if (record instanceof Invoice i) {
            return new Facts(key, null, i.getP21OrderNo(), "invoice", i.getKind() + " " + i.getInvoiceNo()
                    + ", total " + i.getTotalAmount().toPlainString() + ", paid " + i.getAmountPaid().toPlainString());
        }
        if (record instanceof PaymentReceipt r) {
            return new Facts(key, null, r.getP21OrderNo(), "payment-receipt", "P21 cash receipt " + r.getReceiptNo()
                    + " of " + r.getAmount().toPlainString() + (r.getDeleted() ? " (deleted)" : ""));
        }
        if (record instanceof Customer c) {
            return new Facts(null, c.getEmail(), null, "customer", c.getChangeType() + " customer "
                    + PersonalData.maskEmail(c.getEmail())
                    + (c.getP21CustomerId() == null ? "" : ", P21 customer " + c.getP21CustomerId()));
        }
        return null;
    }

    /** An order an operator re-sent to the p21-sink: its canonical record, under a kind of its own. */
    private Facts resync(String key, byte[] value, Headers headers) {
        Facts order = canonical(Topics.CANONICAL_ORDERS.name(), key, value);
        String requested = header(headers, dev.p21bridge.app.resync.OrderResync.REQUESTED_AT);
        return new Facts(key, null, null, "resync", "re-sync requested"
                + (requested == null || !requested.matches("\\d+") ? ""
                        : " at " + java.time.Instant.ofEpochMilli(Long.parseLong(requested)))
                + " of " + (order == null ? "an order record" : order.summary()));
    }

    private Facts retry(String key, byte[] value, Headers headers) {
        String original = header(headers, RetryHeaders.ORIGINAL_TOPIC);
        Facts failed = original == null ? null : facts(original, key, value, headers);
        if (failed == null || failed.orderKey() == null) {
            return null;
        }
        return new Facts(failed.orderKey(), null, null, "retry", "waiting for retry attempt "
                + header(headers, RetryHeaders.ATTEMPT) + " of " + original + "-" + header(headers, RetryHeaders.ORIGINAL_PARTITION)
                + "@" + header(headers, RetryHeaders.ORIGINAL_OFFSET) + " (" + failed.kind() + ")");
    }

    private Facts deadLetter(String topic, String key, byte[] value, Headers headers) {
        String original = header(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
        if (original != null && original.startsWith("retry.")) {
            original = header(headers, RetryHeaders.ORIGINAL_TOPIC);
        }
        Facts failed = original == null ? null : facts(original, key, value, headers);
        if (failed == null || failed.orderKey() == null) {
            return null;
        }
        return new Facts(failed.orderKey(), null, null, "dead-letter", header(headers, DeadLetterHeaders.SERVICE)
                + " gave up on the " + failed.kind() + " (" + header(headers, DeadLetterHeaders.ERROR_CLASS) + "): "
                + header(headers, DeadLetterHeaders.ERROR_MESSAGE));
    }

    /** The trace kind of a canonical order-keyed topic's records. */
    static String kindOf(String topic) {
        return Stream.of(new String[][] {{Topics.CANONICAL_ORDERS.name(), "order"},
                {Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), "confirmation"}, {Topics.CANONICAL_ORDER_STATUS.name(), "status"},
                {Topics.CANONICAL_SHIPMENTS.name(), "shipment"}, {Topics.CANONICAL_PAYMENTS.name(), "payment"},
                {Topics.CANONICAL_RETURNS.name(), "return"}, {Topics.CANONICAL_INVOICES.name(), "invoice"},
                {Topics.CANONICAL_PAYMENT_RECEIPTS.name(), "payment-receipt"}})
                .filter(pair -> pair[0].equals(topic)).map(pair -> pair[1]).findFirst().orElse("record");
    }

    static String header(Headers headers, String name) {
        return DeadLetterHeaders.text(headers, name).orElse(null);
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText().trim();
    }

    private static String clip(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
