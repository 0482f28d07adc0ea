package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    /**
     * The isolation level is configured, never detected. Hikari detects it once, on its first
     * connection; when that connection is ended by the server during detection (the chaos
     * harness's backend-kill burst while {@code tidewater run} started), Hikari kept -1 and every
     * later connection failed with "Transaction isolation level -1 not supported": the sink
     * retried forever and never wrote again.
     */
    @Test
    void theIsolationLevelIsNamedSoAFailedDetectionCannotPoisonThePool() {
        PostgresSinkConfig config = new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG,
                "jdbc:postgresql://localhost:1/none", PostgresSinkConfig.JDBC_USER_CONFIG, "tidewater"));
        try (HikariDataSource pool = ConnectionPool.create(config)) {
            assertThat(pool.getTransactionIsolation()).isEqualTo("TRANSACTION_READ_COMMITTED");
            assertThat(pool.isAutoCommit()).isFalse();
        }
    }
}
