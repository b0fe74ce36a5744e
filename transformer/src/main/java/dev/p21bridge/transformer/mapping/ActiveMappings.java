package dev.p21bridge.transformer.mapping;

import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the transformer makes of the mapping set in use right now (the order mapper, the risk rules): the
 * {@code active} record of {@code bridge.mappings}, read per record from the global store the topic fills, so an
 * {@code apply} or {@code rollback} takes effect with the next record, without a restart and without reprocessing what
 * was mapped before. A version is made (compiled, read) once when it becomes active, and only into what the caller
 * needs: the risk scoring reads the rules without compiling the templates. A version that cannot be used (its set
 * missing or not compiling, which {@code apply} checks before publishing) is logged and the set in use stays: records
 * keep flowing under a version that worked.
 *
 * @param <T> what is made of a compiled set
 */
public final class ActiveMappings<T> {

    private static final Logger log = LoggerFactory.getLogger(ActiveMappings.class);

    private final Function<String, byte[]> store;
    private final Function<MappingSet, T> make;
    private byte[] activeSeen;
    private int version;
    private T current;

    /**
     * @param store the records of {@code bridge.mappings} by key, as the global store holds them
     * @param make  what to make of a set (compile its templates, read its risk rules); called once per version
     */
    public ActiveMappings(Function<String, byte[]> store, Function<MappingSet, T> make) {
        this.store = store;
        this.make = make;
        this.version = 0;
        this.current = make.apply(MappingSet.bundled());
    }

    /** What was made of the active version. */
    public T current() {
        byte[] active = store.apply(ActiveMapping.KEY);
        if (active != activeSeen && !Arrays.equals(active, activeSeen)) {
            activeSeen = active;
            switchTo(active);
        }
        return current;
    }

    /** The version {@link #current()} was made of; 0 for the bundled set. */
    public int version() {
        return version;
    }

    private void switchTo(byte[] record) {
        ActiveMapping active;
        try {
            active = record == null ? ActiveMapping.bundled() : ActiveMapping.fromJson(record);
        } catch (RuntimeException e) {
            log.error("the active record of bridge.mappings is not one apply wrote, version {} stays in use: {}",
                    version, e.getMessage());
            return;
        }
        if (active.version() == version) {
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
            current = make.apply(set);
            version = active.version();
            log.info("mapping set version {} in use", active.version());
        } catch (RuntimeException e) {
            log.error("mapping set version {} cannot be used, version {} stays in use: {}", active.version(),
                    version, e.getMessage());
        }
    }
}
