package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.Transfer;
import io.tidewater.serdes.AvroCodec;
import io.tidewater.sink.PostgresSink;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (b) The Postgres sink alone: prepared batches of encoded Transfer changes submitted one at a
 * time, each awaited, first into an empty table (inserts), then the same ids again (updates).
 * Encoding happens before the clock starts, as the topology does it on the stream thread.
 */
final class SinkAlone {
    /** Rows/s for the insert-heavy and the update-heavy pass. */
    record Rates(double inserts, double updates) {
    }

    private SinkAlone() {
    }

    /** Creates the ERC20 tables in {@code schema}, through the sink's own schema manager. */
    static void createTables(BenchStack stack, String schema) {
        PostgresSink.open(stack.sinkConfig(schema), new Erc20Indexer().entities(), new SimpleMeterRegistry()).close();
    }

    static Rates measure(BenchStack stack, String schema, List<Transfer> inserts, List<Transfer> updates, int batchSize)
            throws Exception {
        EntityDefinition<?> transfer = new Erc20Indexer().entities().stream().filter(e -> e.type() == Transfer.class)
                .findFirst().orElseThrow();
        // The inserts are rows new to the table, and the topology would mark them so: a plain COPY.
        List<Batch> first = batches(transfer, inserts, batchSize, 0, true);
        List<Batch> second = batches(transfer, updates, batchSize, first.size(), false);
        try (PostgresSink sink = PostgresSink.open(stack.sinkConfig(schema), new Erc20Indexer().entities(), new SimpleMeterRegistry())) {
            return new Rates(write(sink, first, inserts.size()), write(sink, second, updates.size()));
        }
    }

    private static double write(PostgresSink sink, List<Batch> batches, int rows) throws Exception {
        long start = System.nanoTime();
        for (Batch batch : batches) {
            AwaitedWrite.submitAndWait(sink, batch);
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Batch> batches(EntityDefinition<?> def, List<Transfer> rows, int batchSize, long firstOffset, boolean created) {
        AvroCodec<Transfer> codec = new AvroCodec<>(Transfer.class);
        List<Batch> out = new ArrayList<>();
        long offset = firstOffset;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<EntityChange> changes = new ArrayList<>();
            for (Transfer t : rows.subList(from, Math.min(rows.size(), from + batchSize))) {
                changes.add(new EntityChange(def, t.getId(), codec.encode(t).clone(), created));
            }
            out.add(new Batch("bench", 0, offset++, Map.of(), changes));
        }
        return out;
    }
}
