package io.tidewater.sink;

import io.tidewater.topology.internals.faults.FaultConfig;
import io.tidewater.topology.internals.faults.FaultHook;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The Postgres sink's settings. The password is a {@link Password}: it prints as {@code [hidden]}. */
public final class PostgresSinkConfig extends AbstractConfig {
    /** {@link #RETRY_MAX_ATTEMPTS_CONFIG} value for "retry transient failures forever". */
    public static final int UNLIMITED = -1;

    public static final String JDBC_URL_CONFIG = "jdbc.url";
    public static final String JDBC_URL_DOC = "JDBC URL of the Postgres database, e.g. jdbc:postgresql://localhost:5432/tidewater";
    public static final String JDBC_USER_CONFIG = "jdbc.user";
    public static final String JDBC_USER_DOC = "Database user.";
    public static final String JDBC_PASSWORD_CONFIG = "jdbc.password";
    public static final String JDBC_PASSWORD_DOC = "Database password. Never logged.";
    public static final String JDBC_SCHEMA_CONFIG = "jdbc.schema";
    public static final String JDBC_SCHEMA_DOC = "Schema that holds the entity tables and Tidewater's own tidewater_* tables; "
            + "created if missing. Only a-z, 0-9 and _.";
    public static final String POOL_SIZE_CONFIG = "pool.size";
    public static final String POOL_SIZE_DOC = "Maximum connections. The sink writes on one thread; a second connection "
            + "lets it check whether a commit landed while the first is being replaced.";
    public static final String POOL_CONNECTION_TIMEOUT_MS_CONFIG = "pool.connection.timeout.ms";
    public static final String POOL_CONNECTION_TIMEOUT_MS_DOC = "How long to wait for a connection before the attempt "
            + "counts as a transient failure (retry cause pool-timeout) and is retried.";
    public static final String SOCKET_TIMEOUT_MS_CONFIG = "jdbc.socket.timeout.ms";
    public static final String SOCKET_TIMEOUT_MS_DOC = "Longest wait for Postgres to answer on an open connection; a hung "
            + "server or network then fails the attempt as a connection error, which is retried. 0 waits forever.";
    public static final String IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG = "jdbc.idle.in.transaction.timeout.ms";
    public static final String IDLE_IN_TRANSACTION_TIMEOUT_MS_DOC = "Postgres ends a session of the writer that sits idle "
            + "inside a transaction this long (idle_in_transaction_session_timeout), releasing its locks: an instance frozen or "
            + "cut off mid-batch then holds up its successor's writes for this long at most, not until TCP gives up. "
            + "0 leaves the server's setting.";
    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_INITIAL_MS_DOC = "Wait before the first retry of a transient failure; "
            + "it doubles per attempt up to retry.backoff.max.ms, with jitter.";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between two attempts.";
    public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
    public static final String RETRY_MAX_ATTEMPTS_DOC = "Attempts per batch before a transient failure becomes permanent "
            + "and stops the indexer; -1 (the default) retries forever, so an outage becomes backpressure.";
    public static final String CLOSE_TIMEOUT_MS_CONFIG = "close.timeout.ms";
    public static final String CLOSE_TIMEOUT_MS_DOC = "How long close() waits for queued batches to be written before "
            + "it fails the rest and stops.";

    private static final long DAY_MS = 86_400_000L;

    // Also the internal keys of FaultConfig, for reliability tests; they are not documented.
    private static final ConfigDef CONFIG = FaultConfig.define(new ConfigDef()
            .define(JDBC_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    JDBC_URL_DOC)
            .define(JDBC_USER_CONFIG, Type.STRING, "postgres", Importance.HIGH, JDBC_USER_DOC)
            .define(JDBC_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, JDBC_PASSWORD_DOC)
            .define(JDBC_SCHEMA_CONFIG, Type.STRING, "public", new ConfigDef.NonEmptyString(), Importance.MEDIUM, JDBC_SCHEMA_DOC)
            .define(POOL_SIZE_CONFIG, Type.INT, 2, Range.between(1, 100), Importance.LOW, POOL_SIZE_DOC)
            .define(POOL_CONNECTION_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L, Range.between(250, DAY_MS), Importance.LOW,
                    POOL_CONNECTION_TIMEOUT_MS_DOC)
            .define(SOCKET_TIMEOUT_MS_CONFIG, Type.LONG, 300_000L, Range.between(0, DAY_MS), Importance.LOW,
                    SOCKET_TIMEOUT_MS_DOC)
            .define(IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, Range.between(0, Integer.MAX_VALUE),
                    Importance.LOW, IDLE_IN_TRANSACTION_TIMEOUT_MS_DOC)
            .define(RETRY_BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 100L, Range.between(1, DAY_MS), Importance.LOW,
                    RETRY_BACKOFF_INITIAL_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 10_000L, Range.between(1, DAY_MS), Importance.LOW,
                    RETRY_BACKOFF_MAX_MS_DOC)
            .define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, UNLIMITED, (name, value) -> {
                if (value instanceof Integer n && n != UNLIMITED && n < 1) {
                    throw new ConfigException(name, value, "must be -1 (unlimited) or at least 1");
                }
            }, Importance.LOW, RETRY_MAX_ATTEMPTS_DOC)
            .define(CLOSE_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.MEDIUM, CLOSE_TIMEOUT_MS_DOC));

    private final FaultHook faults;

    public PostgresSinkConfig(Map<?, ?> props) {
        super(CONFIG, props);
        this.faults = FaultConfig.hook(this);
    }

    /**
     * Internal: the fault hook this config arms for the writer's fault points, {@link FaultHook#NONE}
     * unless a reliability test set the keys.
     */
    public FaultHook faults() {
        return faults;
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String jdbcUrl() {
        return getString(JDBC_URL_CONFIG);
    }

    public String jdbcUser() {
        return getString(JDBC_USER_CONFIG);
    }

    public Password jdbcPassword() {
        return getPassword(JDBC_PASSWORD_CONFIG);
    }

    public String schema() {
        return getString(JDBC_SCHEMA_CONFIG);
    }

    public int poolSize() {
        return getInt(POOL_SIZE_CONFIG);
    }

    public long connectionTimeoutMs() {
        return getLong(POOL_CONNECTION_TIMEOUT_MS_CONFIG);
    }

    public long socketTimeoutMs() {
        return getLong(SOCKET_TIMEOUT_MS_CONFIG);
    }

    public long idleInTransactionTimeoutMs() {
        return getLong(IDLE_IN_TRANSACTION_TIMEOUT_MS_CONFIG);
    }

    public long retryBackoffInitialMs() {
        return getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG);
    }

    public long retryBackoffMaxMs() {
        return getLong(RETRY_BACKOFF_MAX_MS_CONFIG);
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS_CONFIG);
    }

    public long closeTimeoutMs() {
        return getLong(CLOSE_TIMEOUT_MS_CONFIG);
    }
}
