package dev.p21bridge.storefront.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/** The last-written marks kept in a list, standing for the compacted topic; it outlives a "restart" of the sink. */
final class MemoryWrittenLog implements WrittenLevels.Log {

    final List<Map.Entry<String, WrittenLevels.Mark>> entries = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean failing;

    @Override
    public Future<?> append(String key, WrittenLevels.Mark mark) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        entries.add(Map.entry(key, mark));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void replay(BiConsumer<String, WrittenLevels.Mark> into) {
        synchronized (entries) {
            entries.forEach(e -> into.accept(e.getKey(), e.getValue()));
        }
    }
}
