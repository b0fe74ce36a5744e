package dev.p21bridge.platform.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every Kafka Streams state store metric the same tag keys: {@code state.id} (the store's name) and
 * {@code store.type} ({@code rocksdb}, {@code rocksdb.window}, {@code in.memory}, ...). Kafka Streams names the store
 * tag after the store's type instead ({@code rocksdb-state-id}, {@code rocksdb-window-state-id}, ...), and Prometheus
 * refuses a second set of tag keys under one metric name: only the first store type to register kept its metrics
 * (memtable size, block cache usage, put latency, ...), the others were dropped with a warning at every start, so an
 * operator saw the window stores' memory but not that of the key-value stores beside them.
 */
final class StoreMetricTags implements MeterFilter {

    private static final String STATE_METRICS = "kafka.stream.state.";
    private static final String STORE_TAG_SUFFIX = ".state.id";
    static final String STATE_ID = "state.id";
    static final String STORE_TYPE = "store.type";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(STATE_METRICS)) {
            return id;
        }
        for (Tag tag : id.getTagsAsIterable()) {
            String key = tag.getKey();
            if (key.endsWith(STORE_TAG_SUFFIX) && !key.equals(STATE_ID)) {
                List<Tag> tags = new ArrayList<>();
                for (Tag other : id.getTagsAsIterable()) {
                    if (other != tag) {
                        tags.add(other);
                    }
                }
                tags.add(Tag.of(STATE_ID, tag.getValue()));
                tags.add(Tag.of(STORE_TYPE, key.substring(0, key.length() - STORE_TAG_SUFFIX.length())));
                return id.replaceTags(tags);
            }
        }
        return id;
    }
}
