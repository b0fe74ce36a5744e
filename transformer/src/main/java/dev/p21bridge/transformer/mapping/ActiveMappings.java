package dev.p21bridge.transformer.mapping;

import dev.p21bridge.transformer.normalize.P21Defaults;
import dev.p21bridge.transformer.normalize.SkuCrossReference;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mapping set the transformer maps with right now: the {@code active} record of {@code bridge.mappings}, read per
 * record from the global store the topic fills, so an {@code apply} or {@code rollback} takes effect with the next
 * record, without a restart and without reprocessing what was mapped before. A version is compiled once when it
 * becomes active. A version that cannot be used (its set missing or not compiling, which {@code apply} checks before
 * publishing) is logged and the set in use stays: records keep flowing under a version that worked.
 */
public final class ActiveMappings {

    private static final Logger log = LoggerFactory.getLogger(ActiveMappings.class);

    private final Function<String, byte[]> store;
    private final SkuCrossReference skus;
    private final P21Defaults defaults;
    private byte[] activeSeen;
    private TemplateMapper mapper;

    /** @param store the records of {@code bridge.mappings} by key, as the global store holds them */
    public ActiveMappings(Function<String, byte[]> store, SkuCrossReference skus, P21Defaults defaults) {
        this.store = store;
        this.skus = skus;
        this.defaults = defaults;
        this.mapper = new TemplateMapper(CompiledMappingSet.compile(MappingSet.bundled()), skus, defaults);
    }

    /** The order mapper of the active version. */
    public TemplateMapper current() {
        byte[] active = store.apply(ActiveMapping.KEY);
        if (active != activeSeen && !Arrays.equals(active, activeSeen)) {
            activeSeen = active;
            switchTo(active);
        }
        return mapper;
    }

    private void switchTo(byte[] record) {
        ActiveMapping active;
        try {
            active = record == null ? ActiveMapping.bundled() : ActiveMapping.fromJson(record);
        } catch (RuntimeException e) {
            log.error("the active record of bridge.mappings is not one apply wrote, version {} stays in use: {}",
                    mapper.version(), e.getMessage());
            return;
        }
        if (active.version() == mapper.version()) {
            return;
        }
        try {
            MappingSet set;
            if (active.version() == 0) {
                set = MappingSet.bundled();
            } else {
                byte[] published = store.apply(ActiveMapping.setKey(active.version()));
                if (published == null) {
                    throw new MappingSetException(ActiveMapping.setKey(active.version()), 0, 0,
                            "is not on bridge.mappings");
                }
                set = MappingSet.fromJson(published);
            }
            mapper = new TemplateMapper(CompiledMappingSet.compile(set), skus, defaults);
            log.info("mapping set version {} in use", active.version());
        } catch (RuntimeException e) {
            log.error("mapping set version {} cannot be used, version {} stays in use: {}", active.version(),
                    mapper.version(), e.getMessage());
        }
    }
}
