package dev.p21bridge.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.app.trace.TraceAnswer.DeadLetterReason;
import dev.p21bridge.app.trace.TraceAnswer.Match;
import dev.p21bridge.app.trace.TraceAnswer.OrderTrace;
import dev.p21bridge.app.trace.TraceAnswer.Step;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.platform.retry.RetryHeaders;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Answers a trace: looks the query up in the index, then reads each of the matched orders' records back by offset
 * (the index holds no payloads) and asks P21 and the storefront for the order's state. The newest
 * {@link #MAX_TRACED} orders of a match are traced in full; the others are listed.
 */
public final class OrderTracer {

    static final int MAX_TRACED = 20;

    private final TraceIndex index;
    private final RecordFetcher fetcher;
    private final CanonicalRecords canonical;
    private final OrderStates states;
    private final List<String> stores;

    /**
     * @param states null when neither P21 nor the storefronts are to be asked
     * @param stores the stores' names ({@code BRIDGE_STORES}): digits are also looked up as each one's order id
     */
    OrderTracer(TraceIndex index, RecordFetcher fetcher, CanonicalRecords canonical, OrderStates states,
                List<String> stores) {
        this.index = index;
        this.fetcher = fetcher;
        this.canonical = canonical;
        this.states = states;
        this.stores = List.copyOf(stores);
    }

    /** The matched orders and their paths; no matches when the index knows nothing of the query. */
    public TraceAnswer trace(TraceQuery query) {
        List<String> orderKeys = orderKeys(query);
        List<OrderTrace> traced = new ArrayList<>();
        for (String orderKey : orderKeys.subList(Math.max(0, orderKeys.size() - MAX_TRACED), orderKeys.size())) {
            traced.add(traceOrder(orderKey));
        }
        List<Match> matches = new ArrayList<>();
        for (String orderKey : orderKeys) {
            Optional<OrderTrace> full = traced.stream().filter(t -> t.orderKey().equals(orderKey)).findFirst();
            matches.add(new Match(orderKey, full.map(t -> PersonalData.maskEmail(t.email())).orElse(null),
                    full.map(OrderTrace::p21OrderNo).orElse(null)));
        }
        return new TraceAnswer(query.value(), query.kind().name().toLowerCase().replace('_', '-'), matches, traced);
    }

    /**
     * The order's newest {@code canonical.orders} record as the index knows it, read back by offset: what a re-sync
     * sends again ({@link dev.p21bridge.app.resync.OrderResync}). Empty when the index knows no such record or the
     * topic no longer holds it.
     *
     * @throws IllegalStateException when the index cannot answer yet
     */
    public Optional<ConsumerRecord<String, byte[]>> latestCanonicalOrder(String orderKey) {
        Optional<TraceEntry> newest = index.get(IndexKeys.order(orderKey)).map(IndexValue::entries).orElse(List.of())
                .stream().filter(entry -> entry.topic().equals(Topics.CANONICAL_ORDERS.name()))
                .max(Comparator.comparingLong(TraceEntry::offset));
        return newest.flatMap(entry -> fetcher.fetch(entry.topic(), entry.partition(), entry.offset()));
    }

    private List<String> orderKeys(TraceQuery query) {
        Optional<IndexValue> found = index.get(query.indexKey());
        List<String> keys = new ArrayList<>();
        if (found.isPresent()) {
            keys.addAll(query.kind() == TraceQuery.Kind.ORDER_KEY ? List.of(query.value()) : found.get().orders());
        }
        if (query.kind() == TraceQuery.Kind.P21_ORDER_NO) {
            // digits may also be a storefront's own order id, which operators read off the store's admin
            for (String store : stores) {
                String orderKey = store + ":" + query.value();
                if (!keys.contains(orderKey) && index.get(IndexKeys.order(orderKey)).isPresent()) {
                    keys.add(orderKey);
                }
            }
        }
        return keys;
    }

    private OrderTrace traceOrder(String orderKey) {
        List<TraceEntry> entries = new ArrayList<>(index.get(IndexKeys.order(orderKey)).map(IndexValue::entries)
                .orElse(List.of()));
        List<Step> path = new ArrayList<>();
        String email = null;
        String p21OrderNo = null;
        for (TraceEntry entry : entries) {
            Optional<ConsumerRecord<String, byte[]>> record = fetcher.fetch(entry.topic(), entry.partition(), entry.offset());
            SpecificRecord decoded = record.flatMap(r -> decode(entry.topic(), r)).orElse(null);
            if (decoded instanceof Order order) {
                email = order.getCustomer().getEmail();
            } else if (decoded instanceof OrderConfirmation confirmation) {
                p21OrderNo = confirmation.getP21OrderNo();
            }
            path.add(step(entry, record.orElse(null), decoded));
        }
        if (email != null) {
            path.addAll(customerSteps(email, entries));
        }
        path.sort(Comparator.comparing((Step step) -> Instant.parse(step.time()))
                .thenComparingInt(step -> TraceEntry.stage(step.kind())));
        return new OrderTrace(orderKey, email, p21OrderNo, path,
                states == null ? null : states.p21(orderKey), states == null ? null : states.storefront(orderKey));
    }

    /**
     * The buyer's customer records written with this order's canonical records: the transformer writes both from one
     * webhook, with its timestamp, so a customer record of the same millisecond is this order's (another order of the
     * buyer's in the same millisecond would show here too).
     */
    private List<Step> customerSteps(String email, List<TraceEntry> orderEntries) {
        Set<Long> orderTimes = new HashSet<>();
        orderEntries.stream().filter(e -> e.kind().equals("order")).forEach(e -> orderTimes.add(e.timestamp()));
        List<Step> steps = new ArrayList<>();
        for (TraceEntry entry : index.get(IndexKeys.email(email)).map(IndexValue::entries).orElse(List.of())) {
            if (orderTimes.contains(entry.timestamp())) {
                Optional<ConsumerRecord<String, byte[]>> record = fetcher.fetch(entry.topic(), entry.partition(),
                        entry.offset());
                steps.add(step(entry, record.orElse(null), record.flatMap(r -> decode(entry.topic(), r)).orElse(null)));
            }
        }
        return steps;
    }

    private Step step(TraceEntry entry, ConsumerRecord<String, byte[]> record, SpecificRecord decoded) {
        String time = Instant.ofEpochMilli(entry.timestamp()).toString();
        if (record == null) {
            return new Step(time, entry.kind(), entry.topic(), entry.partition(), entry.offset(),
                    entry.summary() + " (no longer in the topic)", null, null);
        }
        JsonNode shown = decoded != null ? RecordJson.of(decoded) : RecordJson.ofBytes(record.value());
        DeadLetterReason reason = entry.topic().startsWith("dlq.") ? reason(record.headers()) : null;
        return new Step(time, entry.kind(), entry.topic(), entry.partition(), entry.offset(), entry.summary(), reason,
                shown);
    }

    /** The canonical record in a record's value: of its own topic, or of the topic a retry or dead letter came from. */
    private Optional<SpecificRecord> decode(String topic, ConsumerRecord<String, byte[]> record) {
        String from = topic.equals(Topics.RESYNC_ORDERS.name()) ? Topics.CANONICAL_ORDERS.name() : topic;
        if (topic.startsWith("dlq.") || topic.startsWith("retry.")) {
            from = TraceClassifier.header(record.headers(), RetryHeaders.ORIGINAL_TOPIC);
            String dead = TraceClassifier.header(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
            if (topic.startsWith("dlq.") && dead != null && !dead.startsWith("retry.")) {
                from = dead;
            }
            if (Topics.RESYNC_ORDERS.name().equals(from)) {
                from = Topics.CANONICAL_ORDERS.name();
            }
        }
        if (from == null || !canonical.reads(from) || record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(canonical.read(from, record.value()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static DeadLetterReason reason(Headers headers) {
        String attempts = TraceClassifier.header(headers, DeadLetterHeaders.ATTEMPTS);
        return new DeadLetterReason(TraceClassifier.header(headers, DeadLetterHeaders.SERVICE),
                TraceClassifier.header(headers, DeadLetterHeaders.ERROR_CLASS),
                TraceClassifier.header(headers, DeadLetterHeaders.ERROR_MESSAGE),
                attempts == null ? null : Integer.valueOf(attempts),
                TraceClassifier.header(headers, DeadLetterHeaders.ORIGINAL_TOPIC));
    }
}
