package dev.p21bridge.transformer;

import dev.p21bridge.platform.orders.FirstCreate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Forwards records without the {@link FirstCreate} header. The header is the transformer's word on a
 * {@code canonical.orders} record only; a record made from such an order for another topic (the buyer on
 * {@code canonical.customers}) would otherwise carry it along, as Kafka Streams passes headers on.
 */
final class FirstCreateRemover<V> implements FixedKeyProcessor<String, V, V> {

    private FixedKeyProcessorContext<String, V> context;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        context.forward(without(record));
    }

    /** The record itself when it has no such header, else a copy without it (the headers may be shared). */
    static <V> FixedKeyRecord<String, V> without(FixedKeyRecord<String, V> record) {
        if (record.headers().lastHeader(FirstCreate.HEADER) == null) {
            return record;
        }
        FixedKeyRecord<String, V> copy = record.withHeaders(new RecordHeaders(record.headers().toArray()));
        copy.headers().remove(FirstCreate.HEADER);
        return copy;
    }
}
