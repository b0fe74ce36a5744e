package dev.p21bridge.app.trace;

/**
 * Where one record of an order lies and what it is, as the trace index keeps it: the offset, not the payload, so the
 * index stays small and a search reads the record back ({@link RecordFetcher}).
 *
 * @param timestamp the record's Kafka timestamp, epoch millis
 * @param kind      what the record is to the order: webhook, p21-change, order, customer, confirmation, status,
 *                  shipment, payment, return, invoice, payment-receipt, retry, dead-letter
 * @param summary   one line without personal data (e-mails masked)
 */
public record TraceEntry(String topic, int partition, long offset, long timestamp, String kind, String summary) {

    /** Whether {@code other} is the same record (a record read twice after a restart is indexed once). */
    boolean sameRecord(TraceEntry other) {
        return topic.equals(other.topic) && partition == other.partition && offset == other.offset;
    }
}
