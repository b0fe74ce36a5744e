package dev.p21bridge.app.trace;

import java.util.Comparator;
import java.util.List;

/**
 * Where one record of an order lies and what it is, as the trace index keeps it: the offset, not the payload, so the
 * index stays small and a search reads the record back ({@link RecordFetcher}).
 *
 * @param timestamp the record's Kafka timestamp, epoch millis
 * @param kind      what the record is to the order: webhook, p21-change, order, customer, confirmation, status,
 *                  shipment, payment, return, invoice, payment-receipt, resync, retry, dead-letter
 * @param summary   one line without personal data (e-mails masked)
 */
public record TraceEntry(String topic, int partition, long offset, long timestamp, String kind, String summary) {

    /** The kinds in the order an order's life has them, for records with the same timestamp. */
    private static final List<String> STAGES = List.of("webhook", "p21-change", "order", "customer", "confirmation",
            "status", "shipment", "payment", "payment-receipt", "invoice", "return", "resync", "retry", "dead-letter");

    /**
     * Oldest first; records of one millisecond in the order of the flow (the transformer gives a canonical record the
     * timestamp of the webhook it came from, so a webhook and its order often share one).
     */
    static final Comparator<TraceEntry> OLDEST_FIRST = Comparator.comparingLong(TraceEntry::timestamp)
            .thenComparingInt(entry -> stage(entry.kind())).thenComparing(TraceEntry::topic)
            .thenComparingLong(TraceEntry::offset);

    /** Where {@code kind} comes in an order's life; unknown kinds last. */
    static int stage(String kind) {
        int stage = STAGES.indexOf(kind);
        return stage < 0 ? STAGES.size() : stage;
    }

    /** Whether {@code other} is the same record (a record read twice after a restart is indexed once). */
    boolean sameRecord(TraceEntry other) {
        return topic.equals(other.topic) && partition == other.partition && offset == other.offset;
    }
}
