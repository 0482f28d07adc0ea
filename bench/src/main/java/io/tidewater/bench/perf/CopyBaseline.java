package io.tidewater.bench.perf;

import io.tidewater.examples.erc20.Transfer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * (a) The limit for the sink: plain COPY of pre-rendered rows into an empty ERC20 Transfer table
 * (with its primary key), one transaction per batch of the sink's batch size.
 */
final class CopyBaseline {
    private CopyBaseline() {
    }

    static double rowsPerSecond(BenchStack stack, String schema, List<Transfer> rows, int batchSize) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            StringBuilder b = new StringBuilder();
            rows.subList(from, Math.min(rows.size(), from + batchSize)).forEach(t -> b.append(TransferRows.copyLine(t)));
            payloads.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        try (Connection c = stack.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY \"" + schema + "\".\"transfer\" (" + TransferRows.COLUMNS + ") FROM STDIN";
            long start = System.nanoTime();
            for (byte[] payload : payloads) {
                copy.copyIn(sql, new ByteArrayInputStream(payload));
                c.commit();
            }
            return rows.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
