package io.tidewater.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the instance: one LRU block cache
 * shared by all stores, with memtables charged to it through a write-buffer manager, so
 * resident memory stays flat as the number of entities grows.
 *
 * <p>Kafka Streams creates one setter per store by reflection, so the shared cache can only
 * live at class level; it is created once, sized by {@link #MEMORY_BYTES_CONFIG}, and lives as
 * long as the JVM, like the stores that use it.
 */
public class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
    public static final String MEMORY_BYTES_CONFIG = "tidewater.rocksdb.memory.bytes";
    public static final String MEMORY_BYTES_DOC = "Off-heap memory shared by all RocksDB stores: block cache and memtables together.";
    public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;
    /** Share of the budget that memtables may take before they are flushed. */
    private static final double WRITE_BUFFER_RATIO = 0.5;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long budget = budget(configs);
        synchronized (BoundedMemoryRocksDbConfig.class) {
            if (cache == null) {
                cache = new LRUCache(budget, -1, false, 0.1);
                writeBufferManager = new WriteBufferManager((long) (budget * WRITE_BUFFER_RATIO), cache);
            }
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store: never closed per store.
    }

    private static long budget(Map<String, Object> configs) {
        Object v = configs.get(MEMORY_BYTES_CONFIG);
        if (v == null) {
            return DEFAULT_MEMORY_BYTES;
        }
        try {
            long bytes = Long.parseLong(v.toString().trim());
            if (bytes < 16L * 1024 * 1024) {
                throw new IllegalArgumentException(MEMORY_BYTES_CONFIG + " must be at least 16 MiB, got " + bytes);
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_BYTES_CONFIG + " must be a number of bytes, got '" + v + "'", e);
        }
    }
}
