package dev.p21bridge.app.trace;

import java.util.Optional;

/**
 * Looks up the trace index by one of its keys ({@link IndexKeys}): the console's Kafka Streams store
 * ({@link TraceIndexService}) or, for {@code ./bridge trace} without a console, one built by a bounded scan
 * ({@link ScannedTraceIndex}).
 */
interface TraceIndex {

    /** @throws IllegalStateException when the index cannot answer yet (still loading after a start) */
    Optional<IndexValue> get(String key);
}
