package dev.p21bridge.transformer;

import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The storefront SKUs of a P21 item, the cross-reference read backwards: every SKU that a pair (topic
 * {@code bridge.sku-xref}, else the CSV) maps to the item, or, when none does, the item id itself as a SKU. Several
 * SKUs may name one item (each storefront its own); an item id that is itself a SKU mapped to another item has no
 * SKU of its own.
 *
 * <p>The global store is keyed by SKU, so the reverse index is rebuilt from it on {@link #refresh()}, which the
 * processors call at start and every {@link #REFRESH} of wall-clock time: a new pair takes up to that long to
 * apply to P21 changes.
 */
public final class StorefrontSkus {

    public static final Duration REFRESH = Duration.ofSeconds(30);

    private final Map<String, String> filePairs;
    private final TimestampedKeyValueStore<String, String> topicPairs;
    private Map<String, List<String>> byItem = Map.of();
    private Map<String, String> pairs = Map.of();

    public StorefrontSkus(SkuCrossReference fileReference, TimestampedKeyValueStore<String, String> topicPairs) {
        this.filePairs = fileReference.filePairs();
        this.topicPairs = topicPairs;
    }

    public void refresh() {
        Map<String, String> current = new HashMap<>(filePairs);
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = topicPairs.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> pair = all.next();
                String item = ValueAndTimestamp.getValueOrNull(pair.value);
                if (item != null) {
                    current.put(SkuCrossReference.normalizeSku(pair.key), item);
                }
            }
        }
        Map<String, List<String>> index = new HashMap<>();
        current.forEach((sku, item) -> index.computeIfAbsent(itemKey(item), key -> new ArrayList<>()).add(sku));
        index.replaceAll((item, skus) -> skus.stream().sorted().toList());
        this.byItem = index;
        this.pairs = current;
    }

    /** The SKUs to publish a P21 item under, sorted; empty when the item's own id is a SKU of another item. */
    public List<String> of(String itemId) {
        String key = itemKey(itemId);
        List<String> mapped = byItem.get(key);
        if (mapped != null) {
            return mapped;
        }
        return pairs.containsKey(key) ? List.of() : List.of(key);
    }

    /** The one SKU of an item, or null when several storefront SKUs name it (or none may). */
    public String single(String itemId) {
        List<String> skus = of(itemId);
        return skus.size() == 1 ? skus.get(0) : null;
    }

    /** The form in which item ids are compared and partitioned: trimmed, upper-cased, as SKUs are. */
    public static String itemKey(String itemId) {
        return SkuCrossReference.normalizeSku(itemId);
    }
}
