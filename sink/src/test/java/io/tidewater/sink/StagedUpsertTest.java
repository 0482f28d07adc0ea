package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Transfer;
import io.tidewater.sink.fixtures.Swap;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.internals.faults.FaultHook;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The staged path (COPY into a temporary table, then INSERT ... SELECT ... ON CONFLICT) stores
 * exactly what the {@code unnest} path stores: the same batches, hostile values included, written
 * once through each path into schemas of their own, give identical tables.
 */
class StagedUpsertTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final EntityDefinition<Swap> SWAP = EntityDefinition.of(Swap.class, "from", "order");
    private static final EntityDefinition<Transfer> TRANSFER = EntityDefinition.of(Transfer.class);
    private static final String HOSTILE = "tab\there, newline\nhere, cr\rhere, back\\slash, \\N, \\., \"quoted\", {braces}, ünïcode, "
            + "emoji \uD83D\uDE00, lone \uD800 surrogate";

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void bothPathsStoreTheSameValues() throws Exception {
        BatchWriter unnest = writer("staged_no", Integer.MAX_VALUE);
        BatchWriter staged = writer("staged_yes", 1);
        List<EntityChange> first = new ArrayList<>();
        List<EntityChange> second = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(Changes.upsert(SWAP, swap(i, 1)));
            first.add(Changes.upsert(TRANSFER, transfer(i, 1)));
            // Updates of half the rows, deletes of a quarter, and new rows.
            if (i % 2 == 0) {
                second.add(Changes.upsert(SWAP, swap(i, 2)));
                second.add(Changes.upsert(TRANSFER, transfer(i, 2)));
            } else if (i % 4 == 1) {
                second.add(Changes.delete(SWAP, "s" + i));
                second.add(Changes.delete(TRANSFER, "t" + i));
            }
            second.add(Changes.upsert(SWAP, swap(100 + i, 3)));
        }
        for (BatchWriter w : List.of(unnest, staged)) {
            assertThat(w.write(Changes.batch(0, 1, first)).status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        assertSameTables(40, 40);
        // A second transaction on the same sessions: the first one's staging tables are gone.
        for (BatchWriter w : List.of(unnest, staged)) {
            assertThat(w.write(Changes.batch(0, 2, second)).status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        assertSameTables(70, 30);
        assertThat(db.query("SELECT \"memo\" FROM staged_yes.swap WHERE \"id\" = 's2'")).isEqualTo(HOSTILE.replace('\uD800', '?') + " v2");
        assertThat(db.query("SELECT count(*) FROM staged_yes.tidewater_progress WHERE \"input_offset\" = 2")).isEqualTo("1");
    }

    @Test
    void aFailedStagedUpsertNamesTheTableAndStateAndWritesNothing() throws Exception {
        BatchWriter staged = writer("staged_fail", 1);
        db.execute("ALTER TABLE staged_fail.swap ADD CONSTRAINT order_not_negative CHECK (\"order\" >= 0)");
        assertThat(staged.write(Changes.batch(0, 1, List.of(Changes.upsert(SWAP, good(0))))).status())
                .isEqualTo(BatchOutcome.Status.WRITTEN);
        Swap bad = Swap.newBuilder(swap(1, 1)).setOrder(-1).build();
        assertThatThrownBy(() -> staged.write(Changes.batch(0, 2, List.of(Changes.upsert(SWAP, good(2)), Changes.upsert(SWAP, bad)))))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("table \"swap\"").hasMessageContaining("SQLSTATE 23514")
                .hasMessageContaining("order_not_negative");
        assertThat(db.rows("SELECT \"id\" FROM staged_fail.swap ORDER BY 1")).containsExactly("s0");
        assertThat(db.query("SELECT \"input_offset\" FROM staged_fail.tidewater_progress")).isEqualTo("1");
        // The session is still usable: the failed transaction's staging table went with it.
        assertThat(staged.write(Changes.batch(0, 3, List.of(Changes.upsert(SWAP, good(3))))).status())
                .isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(db.rows("SELECT \"id\" FROM staged_fail.swap ORDER BY 1")).containsExactly("s0", "s3");
    }

    @Test
    void theThresholdChoosesThePath() {
        TableWriter writer = new TableWriter(Identifiers.schema("x"), EntityTable.of(SWAP), 0);
        assertThat(writer.staged(TableWriter.STAGE_MIN_ROWS - 1)).isFalse();
        assertThat(writer.staged(TableWriter.STAGE_MIN_ROWS)).isTrue();
    }

    private void assertSameTables(int swaps, int transfers) throws Exception {
        assertThat(db.query("SELECT count(*) FROM staged_yes.swap")).isEqualTo(Integer.toString(swaps));
        assertThat(db.query("SELECT count(*) FROM staged_yes.transfer")).isEqualTo(Integer.toString(transfers));
        for (String table : List.of("swap", "transfer")) {
            assertThat(db.rows("SELECT t::text FROM staged_yes." + table + " t ORDER BY \"id\""))
                    .isEqualTo(db.rows("SELECT t::text FROM staged_no." + table + " t ORDER BY \"id\""));
        }
        // Binary equality too, where text output could hide a difference.
        assertThat(db.rows("SELECT \"id\", float8send(\"ratio\"), float4send(\"weight\"), numeric_send(\"value\"), numeric_send(\"fee\") "
                + "FROM staged_yes.swap ORDER BY 1"))
                .isEqualTo(db.rows("SELECT \"id\", float8send(\"ratio\"), float4send(\"weight\"), numeric_send(\"value\"), "
                        + "numeric_send(\"fee\") FROM staged_no.swap ORDER BY 1"));
    }

    private static Swap good(int i) {
        return Swap.newBuilder(swap(i, 1)).setOrder(i).build();
    }

    private static Swap swap(int i, int version) {
        double[] ratios = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 1e-300, Math.PI, 0.1 + 0.2};
        return Swap.newBuilder().setId("s" + i).setFrom(i % 3 == 0 ? HOSTILE : "0xfrom" + i).setTo("0x\\to\t" + i)
                .setValue(new BigDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639935")
                        .subtract(BigDecimal.valueOf(i * 1_000L + version)))
                .setOrder(i * 7 - 3 + version).setSelect(i % 2 == 0).setRatio(ratios[(i + version) % ratios.length])
                .setWeight(1.5e-5f * (i + version)).setBlockNumber(i % 5 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE - i)
                .setPayload(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, '\\', '\t', '\n', (byte) i}))
                .setMemo(i % 4 == 3 ? null : HOSTILE + " v" + version)
                .setFee(i % 3 == 1 ? null : new BigDecimal("-12.3400").add(BigDecimal.valueOf(i, 4)))
                .setTags(i % 5 == 4 ? List.of() : Arrays.asList("a,b", "{c}", "\"d\"", "e\\f", "", "NULL", "tab\t", "nl\n", "ü", "v" + version))
                .setAmounts(List.of(1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, (long) i))
                .setPrices(i % 2 == 1 ? null : List.of(new BigDecimal("1"), new BigDecimal("-99999999999999999999999999"))).build();
    }

    private static Transfer transfer(int i, int version) {
        return Transfer.newBuilder().setId("t" + i).setChainId(1).setBlockNumber(i).setLogIndex(i % 3).setToken("1-0xtoken")
                .setFrom("0x" + i).setTo("0x" + (i + version))
                .setValue(new BigDecimal("1000000000000000000000").multiply(BigDecimal.valueOf(i + version)))
                .setBlockTimestamp(1_700_000_000L + i).build();
    }

    private BatchWriter writer(String schema, int stageMinRows) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(1);
        config.setAutoCommit(false);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        SchemaManager manager = new SchemaManager(schema, List.of(SWAP, TRANSFER));
        try (Connection c = pool.getConnection()) {
            manager.apply(c);
        }
        List<TableWriter> writers = new ArrayList<>();
        for (EntityTable table : manager.tables()) {
            writers.add(new TableWriter(manager.schema(), table, writers.size(), stageMinRows));
        }
        SinkMetrics metrics = new SinkMetrics(new SimpleMeterRegistry(), () -> 0);
        return new BatchWriter(pool, new ProgressStore(manager.internalTables(), chain -> -1), new BatchPreparer(writers),
                new Retrier(10, 100, 1, metrics), metrics, FaultHook.NONE);
    }
}
