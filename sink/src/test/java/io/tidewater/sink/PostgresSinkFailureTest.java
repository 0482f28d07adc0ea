package io.tidewater.sink;

import static io.tidewater.sink.Changes.batch;
import static io.tidewater.sink.Changes.upsert;
import static io.tidewater.sink.PostgresSinkWriteTest.BALANCE;
import static io.tidewater.sink.PostgresSinkWriteTest.ENTITIES;
import static io.tidewater.sink.PostgresSinkWriteTest.TOKEN;
import static io.tidewater.sink.PostgresSinkWriteTest.balance;
import static io.tidewater.sink.PostgresSinkWriteTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinkFailureTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String schema;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void freshSchema() {
        schema = db.newSchema();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    @Test
    void aPermanentErrorNamesTheTableAndIsSticky() throws Exception {
        PostgresSink sink = open();
        assertThat(write(sink, 1, balance("1-0xa-0x1", "1-0xa", "0x1", "10"))).isEqualTo(BatchOutcome.Status.WRITTEN);
        db.execute("ALTER TABLE \"" + schema + "\".\"balance\" ADD CONSTRAINT \"balance_not_negative\" CHECK (\"amount\" >= 0)");

        RecordingCallback bad = new RecordingCallback();
        RecordingCallback queuedBehind = new RecordingCallback();
        sink.submit(batch(0, 2, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "-5")))), bad);
        sink.submit(batch(1, 3, List.of(upsert(TOKEN, token("1-0xa", 1, "1", 1)))), queuedBehind);

        Throwable error = bad.error();
        assertThat(error).isInstanceOf(PostgresSinkException.class)
                .hasMessageContaining("table \"balance\"")
                .hasMessageContaining("SQLSTATE 23514")
                .hasMessageContaining("violates check constraint \"balance_not_negative\"")
                .hasMessageContaining("offset 2");
        assertThat(queuedBehind.error()).isSameAs(error);

        RecordingCallback later = new RecordingCallback();
        sink.submit(batch(0, 4, List.of(upsert(TOKEN, token("1-0xb", 1, "1", 1)))), later);
        assertThat(later.done()).as("fails inside submit, without waiting for the writer").isTrue();
        assertThat(later.error()).isSameAs(error);

        assertThat(db.rows("SELECT \"partition\", \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("0|1");
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("10");
        assertThat(db.query("SELECT count(*) FROM \"" + schema + "\".\"token\"")).isEqualTo("0");
        assertThat(registry.get(SinkMetrics.FAILED).counter().count()).isEqualTo(3);
        assertThat(bad.calls() + queuedBehind.calls() + later.calls()).isEqualTo(3);
    }

    @Test
    void aTerminatedBackendIsRetriedAndTheBatchLands() throws Exception {
        PostgresSink sink = open();
        write(sink, 1, balance("1-0xa-0x1", "1-0xa", "0x1", "10"));
        RecordingCallback cb = new RecordingCallback();
        try (Connection blocker = db.connect()) {
            // Hold the progress row so the writer's transaction waits on it, then kill the writer's backend.
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("SELECT * FROM \"" + schema + "\".\"tidewater_progress\" FOR UPDATE");
            }
            sink.submit(batch(0, 2, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "20")))), cb);
            String waiting = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + ConnectionPool.APPLICATION_NAME
                    + "' AND wait_event_type = 'Lock'";
            awaitUntil(() -> db.query(waiting).equals("1"));
            assertThat(db.query("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + ConnectionPool.APPLICATION_NAME + "' AND wait_event_type = 'Lock') t")).isEqualTo("1");
            blocker.rollback();
        }
        assertThat(cb.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("20");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("2");
        assertThat(retries()).isGreaterThan(0);
    }

    @Test
    void aCommitThatLandedBeforeTheConnectionDiedIsReportedWritten() throws Exception {
        FaultyCommits faults = faulty(FaultyCommits.Mode.LANDED);
        PostgresSink sink = openWithFaultyCommit(faults);
        int commitsBefore = faults.commits();
        assertThat(write(sink, 7, balance("1-0xa-0x1", "1-0xa", "0x1", "10"))).isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(faults.commits() - commitsBefore).as("no second write transaction").isEqualTo(1);
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("10");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("7");
        assertThat(registry.get(SinkMetrics.RETRIES).tags(SinkMetrics.CAUSE, "08").counter().count()).isEqualTo(1);
        assertThat(registry.get(SinkMetrics.SKIPPED).counter().count()).isZero();
    }

    @Test
    void aCommitLostWithTheConnectionIsWrittenAgain() throws Exception {
        FaultyCommits faults = faulty(FaultyCommits.Mode.LOST);
        PostgresSink sink = openWithFaultyCommit(faults);
        assertThat(write(sink, 7, balance("1-0xa-0x1", "1-0xa", "0x1", "10"))).isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("10");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("7");
        assertThat(registry.get(SinkMetrics.RETRIES).tags(SinkMetrics.CAUSE, "08").counter().count()).isEqualTo(1);
    }

    @Test
    void closeWritesEveryQueuedBatchFirst() throws Exception {
        PostgresSink sink = PostgresSink.open(db.config(schema), ENTITIES, registry);
        List<RecordingCallback> callbacks = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            RecordingCallback cb = new RecordingCallback();
            callbacks.add(cb);
            sink.submit(batch(0, i, List.of(upsert(TOKEN, token("1-0x" + i, i, "1", 1))), new ChainCheckpoint(1, 100 + i, "0x" + i)), cb);
        }
        sink.close();
        for (RecordingCallback cb : callbacks) {
            assertThat(cb.done()).isTrue();
            assertThat(cb.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        assertThat(db.query("SELECT count(*) FROM \"" + schema + "\".\"token\"")).isEqualTo("30");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("30");
        assertThat(db.rows("SELECT \"written_block\" FROM \"" + schema + "\".\"tidewater_chain_progress\"")).containsExactly("130");

        RecordingCallback afterClose = new RecordingCallback();
        sink.submit(batch(0, 31, List.of()), afterClose);
        assertThat(afterClose.done()).isTrue();
        assertThat(afterClose.error()).isInstanceOf(PostgresSinkException.class).hasMessageContaining("closed");
    }

    @Test
    void closeGivesUpOnAWriteThatCannotFinishAndReportsEveryBatchOnce() throws Exception {
        PostgresSink sink = PostgresSink.open(db.config(schema, PostgresSinkConfig.CLOSE_TIMEOUT_MS_CONFIG, 300L), ENTITIES, registry);
        write(sink, 1, balance("1-0xa-0x1", "1-0xa", "0x1", "10"));
        RecordingCallback stuck = new RecordingCallback();
        RecordingCallback queued = new RecordingCallback();
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("SELECT * FROM \"" + schema + "\".\"tidewater_progress\" FOR UPDATE");
            }
            sink.submit(batch(0, 2, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "20")))), stuck);
            sink.submit(batch(0, 3, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "30")))), queued);
            awaitUntil(() -> db.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + ConnectionPool.APPLICATION_NAME + "' AND wait_event_type = 'Lock'").equals("1"));
            long start = System.nanoTime();
            sink.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            blocker.rollback();
        }
        assertThat(queued.error()).isInstanceOf(PostgresSinkException.class).hasMessageContaining("closed before batch");
        assertThat(stuck.error()).isInstanceOf(PostgresSinkException.class);
        Thread.sleep(200);
        assertThat(stuck.calls()).isEqualTo(1);
        assertThat(queued.calls()).isEqualTo(1);
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("1");
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("10");
    }

    private PostgresSink open() {
        PostgresSink sink = PostgresSink.open(db.config(schema), ENTITIES, registry);
        resources.add(sink);
        return sink;
    }

    /** A sink whose first commit after opening fails as {@code mode} says. */
    private PostgresSink openWithFaultyCommit(FaultyCommits faults) {
        PostgresSink sink = PostgresSink.open(db.config(schema), new SchemaManager(schema, ENTITIES), faults.dataSource(),
                () -> { }, registry, SinkOptions.DEFAULT);
        resources.add(sink);
        faults.arm(1);
        return sink;
    }

    private FaultyCommits faulty(FaultyCommits.Mode mode) {
        HikariDataSource pool = ConnectionPool.create(db.config(schema));
        resources.add(pool);
        return new FaultyCommits(pool, mode);
    }

    private BatchOutcome.Status write(PostgresSink sink, long offset, io.tidewater.examples.erc20.Balance value) throws Exception {
        RecordingCallback cb = new RecordingCallback();
        sink.submit(batch(0, offset, List.of(upsert(BALANCE, value))), cb);
        return cb.outcome().status();
    }

    private double retries() {
        return registry.find(SinkMetrics.RETRIES).counters().stream().mapToDouble(Counter::count).sum();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
