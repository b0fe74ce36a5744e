package dev.p21bridge.storefront;

import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The storefront-sink's own state topic, declared here until it moves into the platform catalog ({@link Topics}),
 * and the topics the service creates at start.
 */
final class StorefrontTopics {

    /** The last level and price written per storefront and SKU; see {@link WrittenLevels}. */
    static final Topic<byte[]> WRITTEN = new Topic<>("bridge.storefront-written", 3, true, null, byte[].class,
            "last stock level and price written per storefront and SKU; key <kind>:<storefront>:<SKU>, value JSON");

    private StorefrontTopics() {
    }

    /** The catalog plus {@link #WRITTEN}. */
    static List<Topic<?>> toCreate() {
        List<Topic<?>> all = new ArrayList<>(Topics.all());
        if (Topics.named(WRITTEN.name()).isEmpty()) {
            all.add(WRITTEN);
        }
        return all;
    }
}
