package io.tidewater.sink;

import static io.tidewater.sink.Changes.batch;
import static io.tidewater.sink.Changes.upsert;
import static io.tidewater.sink.PostgresSinkWriteTest.ENTITIES;
import static io.tidewater.sink.PostgresSinkWriteTest.TOKEN;
import static io.tidewater.sink.PostgresSinkWriteTest.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An instance frozen (SIGSTOP, a VM pause) or cut off inside a batch's transaction holds the
 * partition's progress row lock, and its TCP connection stays open: without a limit its successor
 * waits on that lock for as long as the freeze lasts. The writer's sessions carry
 * {@code idle_in_transaction_session_timeout}, so Postgres ends the frozen session and the
 * successor writes.
 */
class FrozenInTransactionTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void postgresEndsASessionFrozenInsideItsTransactionSoTheSuccessorWrites() throws Exception {
        String schema = db.newSchema();
        PostgresSinkConfig config = db.config(schema, PostgresSinkConfig.IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG, 1_000L);
        try (PostgresSink first = PostgresSink.open(config, ENTITIES, new SimpleMeterRegistry())) {
            RecordingCallback written = new RecordingCallback();
            first.submit(batch(0, 10, List.of(upsert(TOKEN, token("1-0xa", 1, "10", 1))), new ChainCheckpoint(1, 50, "0xh50")), written);
            assertThat(written.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }

        // The frozen writer: a session of a writer's pool, stopped right after taking the row lock.
        try (HikariDataSource frozenPool = ConnectionPool.create(config); Connection frozen = frozenPool.getConnection();
                PostgresSink successor = PostgresSink.open(config, ENTITIES, new SimpleMeterRegistry())) {
            lockProgressRow(frozen, schema);

            RecordingCallback newer = new RecordingCallback();
            successor.submit(batch(0, 25, List.of(upsert(TOKEN, token("1-0xa", 3, "25", 1))), new ChainCheckpoint(1, 65, "0xh65")), newer);
            // The socket timeout (5 min) would be the only limit without the setting.
            assertThat(newer.outcome(Duration.ofSeconds(20)).status()).isEqualTo(BatchOutcome.Status.WRITTEN);

            // Resumed, the frozen writer finds its session gone, an error the sink retries on a new connection.
            SQLException ended = catchThrowableOfType(SQLException.class, () -> {
                try (Statement st = frozen.createStatement()) {
                    st.execute("SELECT 1");
                }
            });
            assertThat((Throwable) ended).as("the frozen session was ended").isNotNull();
            assertThat(TransientErrors.cause(ended)).as(ended.getSQLState() + " " + ended.getMessage()).isPresent();
        }
        assertThat(db.rows("SELECT \"total_transfers\", \"volume\" FROM \"" + schema + "\".\"token\"")).containsExactly("3|25");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("25");
    }

    @Test
    void theSettingSurvivesAFirstTransactionThatRollsBack() throws Exception {
        PostgresSinkConfig config = db.config(db.newSchema(), PostgresSinkConfig.IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG, 7_000L,
                PostgresSinkConfig.POOL_SIZE_CONFIG, 1);
        try (HikariDataSource pool = ConnectionPool.create(config)) {
            try (Connection c = pool.getConnection()) {
                // A skipped batch: the writer's first transaction ends in a rollback.
                c.rollback();
            }
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW idle_in_transaction_session_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("7s");
                c.rollback();
            }
        }
    }

    @Test
    void zeroLeavesTheServersSetting() throws Exception {
        PostgresSinkConfig config = db.config(db.newSchema(), PostgresSinkConfig.IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG, 0L);
        try (HikariDataSource pool = ConnectionPool.create(config); Connection c = pool.getConnection();
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW idle_in_transaction_session_timeout")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0");
            c.rollback();
        }
    }

    private static void lockProgressRow(Connection connection, String schema) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\" FOR UPDATE")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(10);
        }
    }
}
