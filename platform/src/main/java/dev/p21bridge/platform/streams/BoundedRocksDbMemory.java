package dev.p21bridge.platform.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One off-heap memory budget for all the RocksDB stores of a JVM (the transformer's, the reconciliation's), as Kafka
 * Streams' memory-management guide describes. By default every store instance gets its own 50 MiB block cache and three 16 MiB memtables, and the
 * transformer has about thirty store instances (stores times partitions, window stores once per segment), so
 * native memory grew with the partitions rather than with the data: {@code ./bridge up} under load came within a
 * few tens of MiB of its 1 GiB target. Here the block cache, the index and filter blocks and the memtables of every
 * store share {@value #TOTAL_MIB} MiB.
 *
 * <p>Kafka Streams instantiates this class by name for every store, so the cache and the write-buffer manager are
 * static, shared by all stores of the JVM, and never closed per store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    static final long TOTAL_MIB = 64;
    /**
     * Of the total, what memtables may hold before RocksDB flushes them; counted inside the cache. Half the budget:
     * with 16 MiB the inventory stores (a write per order line) flushed small files so often that their reads
     * slowed and the inventory application fell behind at 200 orders/s end to end; with 32 MiB it kept up, and the
     * order flow's p99 at that rate went from 0.6-0.7 s to 0.3 s (docs/benchmarks.md, end to end).
     */
    private static final long MEMTABLE_MIB = 32;
    private static final long WRITE_BUFFER_MIB = 4;
    /** Index and filter blocks go to the cache's high-priority pool so data blocks cannot evict them. */
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private static final Cache CACHE = new LRUCache(TOTAL_MIB << 20, -1, false, HIGH_PRIORITY_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_MIB << 20, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_MIB << 20);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store and live as long as the JVM
    }
}
