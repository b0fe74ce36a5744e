package dev.p21bridge.storefront.catalog;

import dev.p21bridge.storefront.Storefront;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The headers of a {@code bridge.resync.stock} record: which stores to write the level to again
 * ({@value #STOREFRONTS}, store names of {@code BRIDGE_STORES}, comma-separated), and the offset the level has in
 * {@code canonical.inventory} ({@value #ORIGIN_OFFSET}), which orders it against the live flow's writes of the same
 * SKU as if it were read there.
 */
public final class StockResyncHeaders {

    public static final String STOREFRONTS = "resync-storefronts";
    public static final String ORIGIN_OFFSET = "resync-origin-offset";

    private StockResyncHeaders() {
    }

    public static void write(Headers headers, Set<Storefront> storefronts, long originOffset) {
        headers.add(STOREFRONTS, storefronts.stream().map(Storefront::id).sorted().collect(Collectors.joining(","))
                .getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_OFFSET, Long.toString(originOffset).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stores named among {@code known} (the catalogue stores); every one of them when the header is missing. A
     * name this sink does not write stock to is left out.
     */
    static Set<Storefront> storefronts(Headers headers, Collection<Storefront> known) {
        Header header = headers.lastHeader(STOREFRONTS);
        if (header == null) {
            return Set.copyOf(known);
        }
        Set<String> names = new HashSet<>();
        Arrays.stream(new String(header.value(), StandardCharsets.UTF_8).split(","))
                .forEach(name -> names.add(name.strip()));
        Set<Storefront> named = new HashSet<>();
        known.stream().filter(s -> names.contains(s.id())).forEach(named::add);
        return named;
    }

    /** A copy of {@code record} whose level is the one at {@code originOffset} of canonical.inventory. */
    static ConsumerRecord<String, byte[]> withOriginOffset(ConsumerRecord<String, byte[]> record, long originOffset) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ORIGIN_OFFSET);
        headers.add(ORIGIN_OFFSET, Long.toString(originOffset).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                record.value(), headers, record.leaderEpoch());
    }

    /** The level's offset in canonical.inventory; {@code fallback} when the header is missing or malformed. */
    static long originOffset(Headers headers, long fallback) {
        Header header = headers.lastHeader(ORIGIN_OFFSET);
        if (header == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
