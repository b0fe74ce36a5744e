package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a webhook the storefront delivered again: the same {@code source} + {@code event-id} seen within the
 * retention (7 days by default; storefronts redeliver for up to 3). A record replayed from the dead letters
 * ({@code replay-count} header) passes, because an operator asked for it to be processed again.
 *
 * <p>The ids live in a window store, which drops whole segments when they age out instead of scanning for old keys.
 */
public final class EventDedupProcessor implements FixedKeyProcessor<String, byte[], byte[]> {

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, byte[]> context;
    private WindowStore<String, Long> seen;

    public EventDedupProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String eventId = header(record, "event-id");
        if (eventId == null || record.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT) != null) {
            context.forward(record);
            return;
        }
        String key = header(record, "source") + ":" + eventId;
        long time = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(key, time - retention.toMillis(), time + retention.toMillis())) {
            if (earlier.hasNext()) {
                return;
            }
        }
        seen.put(key, time, time);
        context.forward(record);
    }

    static String header(FixedKeyRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
