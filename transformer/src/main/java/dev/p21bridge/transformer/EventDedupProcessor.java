package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops a P21 change the poller read twice: the same {@code source} + {@code event-id} seen within the retention.
 * A record replayed from the dead letters ({@code replay-count} header) passes, because an operator asked for it to
 * be processed again.
 */
public final class EventDedupProcessor implements FixedKeyProcessor<String, byte[], byte[]> {

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, byte[]> context;
    private SeenKeys seen;

    public EventDedupProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
        this.seen = new SeenKeys(context.getStateStore(storeName), retention);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String key = eventKey(record.headers());
        if (key == null || seen.addIfAbsent(key, record.timestamp())) {
            context.forward(record);
        }
    }

    /**
     * {@code source:event-id}, the identity of a webhook or polled change; null when the record has no event id or is
     * a replayed dead letter, which are never dropped as seen.
     */
    static String eventKey(Headers headers) {
        String eventId = header(headers, "event-id");
        if (eventId == null || headers.lastHeader(DeadLetterHeaders.REPLAY_COUNT) != null) {
            return null;
        }
        // the store, not the platform: two stores of one platform may use the same event ids; a record without a
        // store header (P21's, or a storefront's written before stores) keeps the key it always had
        String store = header(headers, "store");
        return (store != null ? store : header(headers, "source")) + ":" + eventId;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
