package io.tidewater.sink;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Transfer;
import io.tidewater.serdes.AvroCodec;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.internals.faults.FaultHook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.postgresql.PGConnection;

/**
 * Measures candidate upsert paths against the embedded Postgres (fsync off, so optimistic) on
 * the ERC20 Transfer table (9 columns, one numeric), one transaction per batch, first into an
 * empty table (all inserts), then the same ids again (all updates). Each run gets a fresh pool
 * (so fresh sessions) and a fresh schema; runs are interleaved and repeated, and the median is
 * printed. The last line per batch size is the sink's own full path (decode, render, progress
 * row, commit). Not a test: it asserts nothing.
 *
 * <p>One run on a 2-core machine (rows/s, insert / update; ±30% run to run):
 * <pre>
 * path                      batch 100      batch 1,000     batch 10,000
 * COPY, stage once/session  62k / 47k      91k /  70k      146k / 120k
 * COPY, stage per tx        44k / 38k      96k /  71k      145k / 123k
 * unnest, typed arrays     123k / 89k     146k / 119k      156k / 122k
 * unnest, text[] + casts   124k / 92k     154k / 120k      158k / 124k   (chosen)
 * multi-row VALUES         112k / 104k    135k / 113k      135k / 113k
 * sink full path            99k / 82k     132k /  98k      144k / 112k
 * </pre>
 * (Measured when the COPY paths rendered their rows with a simpler renderer of their own; they
 * now use the sink's {@link CopyText}.) COPY pays for its staging table on every commit (Postgres truncates a session's
 * {@code ON COMMIT DELETE ROWS} tables at each commit that touched a temp table), which small
 * batches feel most.
 *
 * <p>Lives in the bench module, in the sink's package for its package-private writer and tables.
 * Run: {@code mvn -pl bench -am package -DskipTests}, then
 * {@code java -cp bench/target/tidewater-bench.jar io.tidewater.sink.WritePathMeasurement [rows] [repetitions]}.
 */
public final class WritePathMeasurement {
    private interface Path {
        void write(Connection c, List<GenericRecord> rows) throws SQLException;
    }

    private interface PathFactory {
        Path create(String schema, EntityTable table);
    }

    private static final EntityDefinition<Transfer> TRANSFER = EntityDefinition.of(Transfer.class);

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, PathFactory> paths = new LinkedHashMap<>();
        paths.put("COPY, stage once/session", (schema, table) -> copy(schema, table, false));
        paths.put("COPY, stage per tx", (schema, table) -> copy(schema, table, true));
        paths.put("unnest, typed arrays", WritePathMeasurement::unnestTyped);
        paths.put("unnest, text[] + casts", WritePathMeasurement::unnestText);
        paths.put("multi-row VALUES", WritePathMeasurement::values);
        List<GenericRecord> inserts = records(total, 1);
        List<GenericRecord> updates = records(total, 2);
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            int[] run = {0};
            for (String name : paths.keySet()) {
                measure(url, "w" + run[0]++, paths.get(name), inserts.subList(0, 20_000), updates.subList(0, 20_000), 1000);
            }
            System.out.printf("%d rows per run, median of %d runs, rows/s%n", total, repetitions);
            System.out.printf("%-26s %6s %10s %10s%n", "path", "batch", "insert", "update");
            for (int batchSize : new int[] {100, 1000, 10_000}) {
                Map<String, List<double[]>> results = new LinkedHashMap<>();
                for (int rep = 0; rep < repetitions; rep++) {
                    for (String name : paths.keySet()) {
                        results.computeIfAbsent(name, k -> new ArrayList<>())
                                .add(measure(url, "m" + run[0]++, paths.get(name), inserts, updates, batchSize));
                    }
                    results.computeIfAbsent("sink full path", k -> new ArrayList<>())
                            .add(full(url, "f" + run[0]++, inserts, updates, batchSize));
                }
                results.forEach((name, r) -> System.out.printf("%-26s %6d %10.0f %10.0f%n", name, batchSize,
                        median(r, 0), median(r, 1)));
            }
        }
    }

    private static double[] measure(String url, String schema, PathFactory factory, List<GenericRecord> inserts,
            List<GenericRecord> updates, int batchSize) throws SQLException {
        try (HikariDataSource ds = MeasurementDatabase.pool(url, 2)) {
            EntityTable table = MeasurementDatabase.schema(ds, schema, TRANSFER).tables().get(0);
            Path path = factory.create(schema, table);
            return new double[] {rate(ds, path, inserts, batchSize), rate(ds, path, updates, batchSize)};
        }
    }

    private static double rate(HikariDataSource ds, Path path, List<GenericRecord> rows, int batchSize) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                path.write(c, rows.subList(from, Math.min(rows.size(), from + batchSize)));
                c.commit();
            }
        }
        return rows.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The sink's own path from encoded changes: decode, dedupe, render, one transaction with progress. */
    private static double[] full(String url, String schema, List<GenericRecord> inserts, List<GenericRecord> updates,
            int batchSize) throws Exception {
        try (HikariDataSource ds = MeasurementDatabase.pool(url, 2)) {
            SchemaManager manager = MeasurementDatabase.schema(ds, schema, TRANSFER);
            SinkMetrics metrics = new SinkMetrics(new SimpleMeterRegistry(), () -> 0);
            BatchWriter writer = new BatchWriter(ds, new ProgressStore(manager.internalTables(), chain -> -1),
                    new BatchPreparer(List.of(new TableWriter(manager.schema(), manager.tables().get(0), 0))),
                    new Retrier(10, 100, 1, metrics), metrics, FaultHook.NONE);
            AvroCodec<Transfer> codec = new AvroCodec<>(Transfer.class);
            double[] rates = new double[2];
            long offset = 0;
            for (int phase = 0; phase < 2; phase++) {
                List<EntityChange> changes = new ArrayList<>();
                for (GenericRecord r : phase == 0 ? inserts : updates) {
                    Transfer t = toTransfer(r);
                    changes.add(new EntityChange(TRANSFER, t.getId(), codec.encode(t).clone()));
                }
                long start = System.nanoTime();
                for (int from = 0; from < changes.size(); from += batchSize) {
                    writer.write(new Batch("t", 0, offset++, Map.of(), changes.subList(from, Math.min(changes.size(), from + batchSize))));
                }
                rates[phase] = changes.size() / ((System.nanoTime() - start) / 1e9);
            }
            return rates;
        }
    }

    private static Path copy(String schema, EntityTable table, boolean perTransaction) {
        String stage = "stage_" + schema;
        String ddl = "CREATE TEMP TABLE " + stage + " (" + table.columns().stream()
                .map(col -> col.name().quoted() + " " + col.type().sqlType()).collect(Collectors.joining(", ")) + ")"
                + (perTransaction ? " ON COMMIT DROP" : " ON COMMIT DELETE ROWS");
        String names = names(table);
        String copy = "COPY pg_temp." + stage + " (" + names + ") FROM STDIN";
        String insert = "INSERT INTO " + qualified(schema) + " (" + names + ") SELECT " + names + " FROM pg_temp." + stage
                + conflict(table);
        boolean[] created = {false};
        return (c, rows) -> {
            if (perTransaction || !created[0]) {
                try (Statement st = c.createStatement()) {
                    st.execute(ddl);
                }
                created[0] = true;
            }
            CopyText text = new CopyText(table.columns(), rows.size(), 128);
            rows.forEach(text::add);
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(text.buffer(), 0, text.length()));
            } catch (IOException e) {
                throw new SQLException(e);
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate(insert);
            }
        };
    }

    private static Path unnestTyped(String schema, EntityTable table) {
        String casts = table.columns().stream().map(col -> "?::" + col.type().sqlType() + "[]").collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + qualified(schema) + " (" + names(table) + ") SELECT * FROM unnest(" + casts + ")" + conflict(table);
        return (c, rows) -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < table.columns().size(); i++) {
                    Column col = table.columns().get(i);
                    Object[] values = new Object[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        values[r] = jdbc(rows.get(r).get(col.position()));
                    }
                    st.setArray(i + 1, c.createArrayOf(col.type().sqlType(), values));
                }
                st.executeUpdate();
            }
        };
    }

    private static Path unnestText(String schema, EntityTable table) {
        String params = String.join(", ", Collections.nCopies(table.columns().size(), "?::text[]"));
        String select = table.columns().stream().map(col -> "u." + col.name().quoted() + "::" + col.type().sqlType())
                .collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + qualified(schema) + " (" + names(table) + ") SELECT " + select + " FROM unnest(" + params
                + ") AS u(" + names(table) + ")" + conflict(table);
        return (c, rows) -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < table.columns().size(); i++) {
                    Column col = table.columns().get(i);
                    String[] values = new String[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        Object v = rows.get(r).get(col.position());
                        if (v != null) {
                            text.setLength(0);
                            col.type().appendText(v, text);
                            values[r] = text.toString();
                        }
                    }
                    st.setObject(i + 1, values);
                }
                st.executeUpdate();
            }
        };
    }

    private static Path values(String schema, EntityTable table) {
        int cols = table.columns().size();
        int chunk = Math.min(1000, 32_000 / cols);
        String row = "(" + String.join(", ", Collections.nCopies(cols, "?")) + ")";
        return (c, rows) -> {
            for (int from = 0; from < rows.size(); from += chunk) {
                List<GenericRecord> part = rows.subList(from, Math.min(rows.size(), from + chunk));
                String sql = "INSERT INTO " + qualified(schema) + " (" + names(table) + ") VALUES "
                        + String.join(", ", Collections.nCopies(part.size(), row)) + conflict(table);
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    int p = 1;
                    for (GenericRecord r : part) {
                        for (Column col : table.columns()) {
                            st.setObject(p++, jdbc(r.get(col.position())));
                        }
                    }
                    st.executeUpdate();
                }
            }
        };
    }

    private static String qualified(String schema) {
        return "\"" + schema + "\".\"transfer\"";
    }

    private static String names(EntityTable table) {
        return table.columns().stream().map(c -> c.name().quoted()).collect(Collectors.joining(", "));
    }

    private static String conflict(EntityTable table) {
        return " ON CONFLICT (\"id\") DO UPDATE SET " + table.columns().stream().skip(1)
                .map(c -> c.name().quoted() + " = EXCLUDED." + c.name().quoted()).collect(Collectors.joining(", "));
    }

    private static double median(List<double[]> runs, int phase) {
        double[] values = runs.stream().mapToDouble(r -> r[phase]).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static Object jdbc(Object avro) {
        return avro instanceof CharSequence s ? s.toString() : avro;
    }

    private static Transfer toTransfer(GenericRecord r) {
        return Transfer.newBuilder().setId(r.get(0).toString()).setChainId((Long) r.get(1)).setBlockNumber((Long) r.get(2))
                .setLogIndex((Long) r.get(3)).setToken(r.get(4).toString()).setFrom(r.get(5).toString())
                .setTo(r.get(6).toString()).setValue((BigDecimal) r.get(7)).setBlockTimestamp((Long) r.get(8)).build();
    }

    /** Rows of the Transfer shape with ids 0..n-1; the seed varies every value but the id. */
    private static List<GenericRecord> records(int n, int seed) {
        Random random = new Random(seed);
        List<GenericRecord> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GenericData.Record r = new GenericData.Record(TRANSFER.schema());
            r.put(0, "1-" + (1_000_000 + i / 200) + "-" + (i % 200));
            r.put(1, 1L);
            r.put(2, 1_000_000L + i / 200);
            r.put(3, (long) (i % 200));
            r.put(4, "1-" + address(random));
            r.put(5, address(random));
            r.put(6, address(random));
            r.put(7, new BigDecimal(new BigInteger(80, random)));
            r.put(8, 1_700_000_000L + i);
            rows.add(r);
        }
        return rows;
    }

    private static String address(Random random) {
        return "0x" + String.format("%040x", new BigInteger(160, random));
    }
}
