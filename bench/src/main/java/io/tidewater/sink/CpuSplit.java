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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Where a write path's CPU goes, in a form that survives a loaded machine: the writer thread's CPU
 * time (ThreadMXBean) and the Postgres backend's (utime + stime from /proc of pg_backend_pid(); the
 * embedded Postgres runs on this host), per row, for the ERC20 Transfer rows of bench figures a and
 * b. Not a test: it asserts nothing.
 *
 * <p>Lives in the bench module, in the sink's package for its package-private writer. Run:
 * {@code mvn -pl bench -am package -DskipTests}, then
 * {@code java -cp bench/target/tidewater-bench.jar [-Dstage.min=N] [-Dbatch=N] io.tidewater.sink.CpuSplit ROWS} for raw COPY (a) and the
 * sink's own path (b; {@code -Dstage.min=2147483647} forces the unnest path), or
 * {@code ... CpuSplit ROWS v} for server-side variants on pre-rendered COPY text (COPY direct, staged
 * INSERT ... ON CONFLICT, staged MERGE, a session-long staging table). Linux only.
 */
public final class CpuSplit {
    static final EntityDefinition<Transfer> T = EntityDefinition.of(Transfer.class);
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static long backendTicks(int pid) throws Exception {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static List<Transfer> make(int count, int version) {
        List<Transfer> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long block = 1 + i / 50;
            rows.add(Transfer.newBuilder().setId("1-" + block + "-" + i % 50).setChainId(1).setBlockNumber(block)
                    .setLogIndex(i % 50).setToken("1-0x" + String.format("%040x", 7))
                    .setFrom("0x" + String.format("%040x", i * 7L)).setTo("0x" + String.format("%040x", i * 13L))
                    .setValue(new BigDecimal(BigInteger.valueOf(1_000_003L * (i + 1) + version).multiply(BigInteger.TEN.pow(15))))
                    .setBlockTimestamp(1_700_000_000L + block * 12).build());
        }
        return rows;
    }

    static String line(Transfer t) {
        return t.getId() + "\t" + t.getChainId() + "\t" + t.getBlockNumber() + "\t" + t.getLogIndex() + "\t" + t.getToken()
                + "\t" + t.getFrom() + "\t" + t.getTo() + "\t" + t.getValue().toPlainString() + "\t" + t.getBlockTimestamp() + "\n";
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int batch = Integer.getInteger("batch", 10_000);
        List<Transfer> ins = make(n, 1), upd = make(n, 2);
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            if (args.length > 1) {
                variants(url, ins, upd, batch);
                return;
            }
            for (int rep = 0; rep < 2; rep++) {
                // a: plain COPY
                try (HikariDataSource ds = MeasurementDatabase.pool(url, 1)) {
                    SchemaManager m = MeasurementDatabase.schema(ds, "a" + rep, T);
                    List<byte[]> payloads = new ArrayList<>();
                    for (int from = 0; from < n; from += batch) {
                        StringBuilder b = new StringBuilder();
                        ins.subList(from, Math.min(n, from + batch)).forEach(t -> b.append(line(t)));
                        payloads.add(b.toString().getBytes(StandardCharsets.UTF_8));
                    }
                    try (Connection c = ds.getConnection()) {
                        int pid = pid(c);
                        long w0 = System.nanoTime(), c0 = MX.getCurrentThreadCpuTime(), b0 = backendTicks(pid);
                        for (byte[] p : payloads) {
                            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY \"a" + rep + "\".\"transfer\" FROM STDIN", new ByteArrayInputStream(p));
                            c.commit();
                        }
                        report("a COPY", n, w0, c0, b0, pid);
                    }
                }
                // b: sink path
                try (HikariDataSource ds = MeasurementDatabase.pool(url, 1)) {
                    SchemaManager m = MeasurementDatabase.schema(ds, "b" + rep, T);
                    SinkMetrics metrics = new SinkMetrics(new SimpleMeterRegistry(), () -> 0);
                    BatchWriter w = new BatchWriter(ds, new ProgressStore(m.internalTables(), x -> -1),
                            new BatchPreparer(List.of(new TableWriter(m.schema(), m.tables().get(0), 0, Integer.getInteger("stage.min", 1000)))), new Retrier(10, 100, 1, metrics),
                            metrics, FaultHook.NONE);
                    int pid;
                    try (Connection c = ds.getConnection()) {
                        pid = pid(c);
                    }
                    long offset = 0;
                    for (List<Transfer> rows : List.of(ins, upd)) {
                        List<Batch> batches = batches(rows, batch, offset);
                        offset += batches.size();
                        long w0 = System.nanoTime(), c0 = MX.getCurrentThreadCpuTime(), b0 = backendTicks(pid);
                        for (Batch bt : batches) {
                            w.write(bt);
                        }
                        report(rows == ins ? "b sink insert" : "b sink update", n, w0, c0, b0, pid);
                    }
                }
            }
        }
    }

    interface V {
        void run(Connection c, String schema, List<Transfer> rows, String copyText) throws Exception;
    }

    static final String COLS = "\"id\", \"chain_id\", \"block_number\", \"log_index\", \"token\", \"from\", \"to\", \"value\", \"block_timestamp\"";
    static final String CONFLICT = " ON CONFLICT (\"id\") DO UPDATE SET \"chain_id\" = EXCLUDED.\"chain_id\", \"block_number\" = EXCLUDED.\"block_number\", \"log_index\" = EXCLUDED.\"log_index\", \"token\" = EXCLUDED.\"token\", \"from\" = EXCLUDED.\"from\", \"to\" = EXCLUDED.\"to\", \"value\" = EXCLUDED.\"value\", \"block_timestamp\" = EXCLUDED.\"block_timestamp\"";
    static final String STAGE = "CREATE TEMP TABLE stage (\"id\" text, \"chain_id\" bigint, \"block_number\" bigint, \"log_index\" bigint, \"token\" text, \"from\" text, \"to\" text, \"value\" numeric, \"block_timestamp\" bigint) ON COMMIT DROP";

    static void exec(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static void copy(Connection c, String sql, String text) throws Exception {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void variants(String url, List<Transfer> ins, List<Transfer> upd, int batch) throws Exception {
        Map<String, V> vs = new java.util.LinkedHashMap<>();
        vs.put("copy direct", (c, s, rows, text) -> copy(c, "COPY \"" + s + "\".\"transfer\" FROM STDIN", text));
        vs.put("stage+insert onconflict", (c, s, rows, text) -> {
            exec(c, STAGE);
            copy(c, "COPY stage FROM STDIN", text);
            exec(c, "INSERT INTO \"" + s + "\".\"transfer\" SELECT * FROM stage" + CONFLICT);
        });
        vs.put("stage+merge", (c, s, rows, text) -> {
            exec(c, STAGE);
            copy(c, "COPY stage FROM STDIN", text);
            exec(c, "MERGE INTO \"" + s + "\".\"transfer\" t USING stage g ON t.\"id\" = g.\"id\" WHEN MATCHED THEN UPDATE SET \"value\" = g.\"value\", \"from\" = g.\"from\", \"to\" = g.\"to\", \"token\" = g.\"token\", \"chain_id\" = g.\"chain_id\", \"block_number\" = g.\"block_number\", \"log_index\" = g.\"log_index\", \"block_timestamp\" = g.\"block_timestamp\" WHEN NOT MATCHED THEN INSERT VALUES (g.\"id\", g.\"chain_id\", g.\"block_number\", g.\"log_index\", g.\"token\", g.\"from\", g.\"to\", g.\"value\", g.\"block_timestamp\")");
        });
        vs.put("stage(keep)+insert onconflict", (c, s, rows, text) -> {
            try (Statement st = c.createStatement()) { st.execute("CREATE TEMP TABLE IF NOT EXISTS stage2 (\"id\" text, \"chain_id\" bigint, \"block_number\" bigint, \"log_index\" bigint, \"token\" text, \"from\" text, \"to\" text, \"value\" numeric, \"block_timestamp\" bigint) ON COMMIT DELETE ROWS"); }
            copy(c, "COPY stage2 FROM STDIN", text);
            exec(c, "INSERT INTO \"" + s + "\".\"transfer\" SELECT * FROM stage2" + CONFLICT);
        });
        int k = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (Map.Entry<String, V> e : vs.entrySet()) {
                String s = "v" + k++;
                try (HikariDataSource ds = MeasurementDatabase.pool(url, 1)) {
                    MeasurementDatabase.schema(ds, s, T);
                    try (Connection c = ds.getConnection()) {
                        int pid = pid(c);
                        for (List<Transfer> rows : List.of(ins, upd)) {
                            if (rows == upd && (e.getKey().equals("copy direct") || e.getKey().equals("stage+insert plain"))) continue;
                            List<String> texts = new ArrayList<>();
                            for (int from = 0; from < rows.size(); from += batch) {
                                StringBuilder b = new StringBuilder();
                                rows.subList(from, Math.min(rows.size(), from + batch)).forEach(t -> b.append(line(t)));
                                texts.add(b.toString());
                            }
                            long w0 = System.nanoTime(), c0 = MX.getCurrentThreadCpuTime(), b0 = backendTicks(pid);
                            for (int i = 0; i < texts.size(); i++) {
                                e.getValue().run(c, s, rows.subList(i * batch, Math.min(rows.size(), (i + 1) * batch)), texts.get(i));
                                c.commit();
                            }
                            report(e.getKey() + (rows == ins ? " I" : " U"), rows.size(), w0, c0, b0, pid);
                        }
                    }
                }
            }
        }
    }

    static List<Batch> batches(List<Transfer> rows, int size, long offset) {
        AvroCodec<Transfer> codec = new AvroCodec<>(Transfer.class);
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            List<EntityChange> ch = new ArrayList<>();
            for (Transfer t : rows.subList(from, Math.min(rows.size(), from + size))) {
                ch.add(new EntityChange(T, t.getId(), codec.encode(t).clone()));
            }
            out.add(new Batch("bench", 0, offset++, Map.of(), ch));
        }
        return out;
    }

    static void report(String name, int n, long w0, long c0, long b0, int pid) throws Exception {
        double wall = (System.nanoTime() - w0) / 1e9, cpu = (MX.getCurrentThreadCpuTime() - c0) / 1e9, be = (backendTicks(pid) - b0) / 100.0;
        System.out.printf("%-28s %8.0f rows/s wall %.2fs  client cpu %.2fs (%.1f us/row)  backend cpu %.2fs (%.1f us/row)%n", name,
                n / wall, wall, cpu, cpu * 1e6 / n, be, be * 1e6 / n);
    }

    static int pid(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            int p = rs.getInt(1);
            c.commit();
            return p;
        }
    }

}
