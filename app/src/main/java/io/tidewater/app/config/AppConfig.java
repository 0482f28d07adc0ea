package io.tidewater.app.config;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Typed configuration of the runnable app: where Kafka is, how the Streams client runs, and
 * what the app exposes. The topology's keys are {@link io.tidewater.topology.TidewaterConfig},
 * the sink brings its own; {@link ConfigLoader} validates a file against all of them.
 *
 * <p>Further Kafka client settings (TLS, SASL, Streams tuning) are given with the
 * {@code kafka.} prefix and passed through with the prefix stripped; see {@link LoadedConfig}.
 */
public class AppConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, as host:port[,host:port...].";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group, the prefix of internal topics and of "
            + "transactional ids. Changing it starts the indexer from scratch.";

    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String STATE_DIR_DOC = "Directory of the RocksDB entity store. In production put it on a persistent volume so a "
            + "restart does not restore from the changelogs. Unset: Kafka Streams' default under java.io.tmpdir.";

    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String PROCESSING_GUARANTEE_DOC = "exactly_once_v2 (default) moves the entity store, its changelogs, the dirty set and the "
            + "input offsets together. at_least_once is faster but replays records after a crash on top of state that may "
            + "already include them: it is only safe when every handler is idempotent, which ERC20-style counters are not.";

    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String NUM_STREAM_THREADS_DOC = "Kafka Streams threads; more than the input topic's partitions is wasted.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    public static final String HTTP_PORT_DOC = "Port of the HTTP endpoints /metrics, /health and /ready. -1 disables them; 0 picks a free "
            + "port (for tests).";
    public static final int HTTP_DISABLED = -1;

    public static final String INDEXER_CLASS_CONFIG = "indexer.class";
    public static final String INDEXER_CLASS_DOC = "Fully qualified class name of the Indexer to run. Unset: the one Indexer found through "
            + "ServiceLoader, in indexer.path when set, else on the class path (where the ERC20 example is).";

    public static final String INDEXER_PATH_CONFIG = "indexer.path";
    public static final String INDEXER_PATH_DOC = "A jar, or a directory of jars, holding the Indexer to run (a project made by 'tidewater init' "
            + "and built with 'mvn package'). It is loaded in a class loader of its own. Unset: the indexer is looked for on the "
            + "class path.";

    public static final String PROGRESS_INTERVAL_MS_CONFIG = "progress.interval.ms";
    public static final String PROGRESS_INTERVAL_MS_DOC = "Interval between progress refreshes (in place on a terminal, a log line otherwise). "
            + "0 disables the progress display.";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "tidewater", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    APPLICATION_ID_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, null, Importance.HIGH, STATE_DIR_DOC)
            .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, "exactly_once_v2",
                    ConfigDef.ValidString.in("exactly_once_v2", "at_least_once"), Importance.MEDIUM, PROCESSING_GUARANTEE_DOC)
            .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, Range.between(1, 256), Importance.MEDIUM,
                    NUM_STREAM_THREADS_DOC)
            .define(HTTP_PORT_CONFIG, Type.INT, 8080, Range.between(HTTP_DISABLED, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
            .define(INDEXER_CLASS_CONFIG, Type.STRING, null, Importance.MEDIUM, INDEXER_CLASS_DOC)
            .define(INDEXER_PATH_CONFIG, Type.STRING, null, Importance.MEDIUM, INDEXER_PATH_DOC)
            .define(PROGRESS_INTERVAL_MS_CONFIG, Type.LONG, 2_000L, Range.between(0, 3_600_000), Importance.LOW,
                    PROGRESS_INTERVAL_MS_DOC);

    public AppConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    /** As Kafka clients take it: {@code host:port[,host:port...]}. */
    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public Optional<String> stateDir() {
        return Optional.ofNullable(getString(STATE_DIR_CONFIG)).filter(s -> !s.isBlank());
    }

    public String processingGuarantee() {
        return getString(PROCESSING_GUARANTEE_CONFIG);
    }

    public int numStreamThreads() {
        return getInt(NUM_STREAM_THREADS_CONFIG);
    }

    public boolean httpEnabled() {
        return httpPort() != HTTP_DISABLED;
    }

    /** The configured port: {@value #HTTP_DISABLED} when disabled, 0 for any free port. */
    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public Optional<String> indexerClass() {
        return Optional.ofNullable(getString(INDEXER_CLASS_CONFIG)).filter(s -> !s.isBlank());
    }

    public Optional<String> indexerPath() {
        return Optional.ofNullable(getString(INDEXER_PATH_CONFIG)).filter(s -> !s.isBlank());
    }

    public boolean progressEnabled() {
        return progressIntervalMs() > 0;
    }

    public long progressIntervalMs() {
        return getLong(PROGRESS_INTERVAL_MS_CONFIG);
    }
}
