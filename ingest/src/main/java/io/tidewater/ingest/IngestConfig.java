package io.tidewater.ingest;

import io.tidewater.ingest.chain.LogFilter;
import io.tidewater.serdes.InputFormat;
import io.tidewater.topology.api.EventSignature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Typed configuration of one chain's ingester. The keys shared with the indexer
 * ({@code bootstrap.servers}, {@code input.topic}, {@code input.format}, {@code reorg.threshold})
 * mean the same there, so one properties file can serve both.
 */
public class IngestConfig extends AbstractConfig {
    public static final String RPC_URL_CONFIG = "rpc.url";
    public static final String RPC_URL_DOC = "HTTP(S) JSON-RPC endpoint of the chain's node. Treated as a secret (providers put API keys in it): "
            + "only its scheme and host are ever shown.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, as host:port[,host:port...].";

    public static final String INPUT_TOPIC_CONFIG = "input.topic";
    public static final String INPUT_TOPIC_DOC = "Topic to write the chain's blocks, logs and reorg notices to, keyed by chain id.";

    public static final String INPUT_FORMAT_CONFIG = "input.format";
    public static final String INPUT_FORMAT_DOC = "Encoding of the records written: 'avro' or 'json'; the indexer's input.format must match.";

    public static final String CHAIN_ID_CONFIG = "chain.id";
    public static final String CHAIN_ID_DOC = "The chain id the node must report (eth_chainId); the ingester stops when it differs. Unset: "
            + "whatever the node reports.";

    public static final String FROM_BLOCK_CONFIG = "from.block";
    public static final String FROM_BLOCK_DOC = "First block to ingest when the topic has nothing of the chain yet. Once it has, the ingester "
            + "goes on from the last block it produced and this is ignored.";

    public static final String TO_BLOCK_CONFIG = "to.block";
    public static final String TO_BLOCK_DOC = "Last block to ingest; the ingester exits 0 once it is produced (waiting for the node to reach it). "
            + "Unset and not following: the node's head, less the confirmations, when the ingester started.";

    public static final String FOLLOW_CONFIG = "follow";
    public static final String FOLLOW_DOC = "After the backfill, follow the head: poll for new blocks, walk reorgs back to the common ancestor "
            + "and produce a reorg notice and the new branch. Cannot be combined with to.block.";

    public static final String CONFIRMATIONS_CONFIG = "confirmations";
    public static final String CONFIRMATIONS_DOC = "Stay this many blocks behind the node's head. 0 produces blocks as soon as the node has them "
            + "and relies on reorg notices for the ones that leave the chain.";

    public static final String REORG_THRESHOLD_CONFIG = "reorg.threshold";
    public static final String REORG_THRESHOLD_DOC = "Blocks of history whose hashes the ingester keeps to find where a fork left the chain; a deeper "
            + "fork stops it (exit code 3). Keep it equal to the indexer's reorg.threshold.";

    public static final String CONTRACTS_CONFIG = "contracts";
    public static final String CONTRACTS_DOC = "Contract addresses whose logs to ingest (comma-separated). Empty: every contract.";

    public static final String TOPIC0S_CONFIG = "topic0s";
    public static final String TOPIC0S_DOC = "Event signature hashes (topic 0, 32-byte hex, comma-separated) whose logs to ingest. Empty: every event.";

    public static final String EVENTS_CONFIG = "events";
    public static final String EVENTS_DOC = "Event signatures whose logs to ingest, e.g. 'Transfer(address indexed from, address indexed to, uint256 value)', "
            + "separated by ';'. Adds their topic 0 hashes to topic0s.";

    public static final String INDEXER_PATH_CONFIG = "indexer.path";
    public static final String INDEXER_PATH_DOC = "An indexer's jar, or a directory of jars (as the indexer's indexer.path): its declared events "
            + "(by signature or ABI) and its contracts on the node's chain choose the logs to ingest. Cannot be combined with contracts, "
            + "topic0s or events.";

    public static final String CONCURRENCY_CONFIG = "rpc.concurrency";
    public static final String CONCURRENCY_DOC = "Block ranges fetched at once during the backfill.";

    public static final String MAX_REQUESTS_PER_SECOND_CONFIG = "rpc.max.requests.per.second";
    public static final String MAX_REQUESTS_PER_SECOND_DOC = "JSON-RPC calls per second at most (a batch counts each of its calls). 0: no limit.";

    public static final String TIMEOUT_MS_CONFIG = "rpc.timeout.ms";
    public static final String TIMEOUT_MS_DOC = "How long one HTTP request to the node may take. A timed-out eth_getLogs is retried over a smaller range.";

    public static final String BATCH_SIZE_CONFIG = "rpc.batch.size";
    public static final String BATCH_SIZE_DOC = "Calls per JSON-RPC batch request when fetching block headers; 1 sends no batches.";

    public static final String RETRY_BACKOFF_MS_CONFIG = "rpc.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "First wait before retrying a failed call; it doubles on every further failure.";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "rpc.retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between retries. Retries go on for as long as the node fails.";

    public static final String RANGE_INITIAL_CONFIG = "getlogs.range.initial";
    public static final String RANGE_INITIAL_DOC = "Blocks per eth_getLogs at the start; the range grows on success and shrinks when the node "
            + "says it is too much.";

    public static final String RANGE_MAX_CONFIG = "getlogs.range.max";
    public static final String RANGE_MAX_DOC = "Blocks per eth_getLogs at the most.";

    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String POLL_INTERVAL_MS_DOC = "How often a follower asks the node for its head.";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(RPC_URL_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, RPC_URL_DOC)
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    BOOTSTRAP_SERVERS_DOC)
            .define(INPUT_TOPIC_CONFIG, Type.STRING, "tidewater.input", new ConfigDef.NonEmptyString(), Importance.HIGH, INPUT_TOPIC_DOC)
            .define(INPUT_FORMAT_CONFIG, Type.STRING, "avro", ConfigDef.ValidString.in("avro", "json"), Importance.HIGH, INPUT_FORMAT_DOC)
            .define(CHAIN_ID_CONFIG, Type.LONG, null, Importance.HIGH, CHAIN_ID_DOC)
            .define(FROM_BLOCK_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.HIGH, FROM_BLOCK_DOC)
            .define(TO_BLOCK_CONFIG, Type.LONG, null, Importance.HIGH, TO_BLOCK_DOC)
            .define(FOLLOW_CONFIG, Type.BOOLEAN, false, Importance.HIGH, FOLLOW_DOC)
            .define(CONFIRMATIONS_CONFIG, Type.INT, 0, Range.between(0, 100_000), Importance.MEDIUM, CONFIRMATIONS_DOC)
            .define(REORG_THRESHOLD_CONFIG, Type.INT, 200, Range.between(1, 1_000_000), Importance.HIGH, REORG_THRESHOLD_DOC)
            .define(CONTRACTS_CONFIG, Type.LIST, "", Importance.MEDIUM, CONTRACTS_DOC)
            .define(TOPIC0S_CONFIG, Type.LIST, "", Importance.MEDIUM, TOPIC0S_DOC)
            .define(EVENTS_CONFIG, Type.STRING, "", Importance.MEDIUM, EVENTS_DOC)
            .define(INDEXER_PATH_CONFIG, Type.STRING, null, Importance.MEDIUM, INDEXER_PATH_DOC)
            .define(CONCURRENCY_CONFIG, Type.INT, 4, Range.between(1, 64), Importance.MEDIUM, CONCURRENCY_DOC)
            .define(MAX_REQUESTS_PER_SECOND_CONFIG, Type.DOUBLE, 0.0, Range.atLeast(0), Importance.MEDIUM, MAX_REQUESTS_PER_SECOND_DOC)
            .define(TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.between(100, 600_000), Importance.LOW, TIMEOUT_MS_DOC)
            .define(BATCH_SIZE_CONFIG, Type.INT, 100, Range.between(1, 10_000), Importance.LOW, BATCH_SIZE_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, 250L, Range.between(1, 600_000), Importance.LOW, RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 30_000L, Range.between(1, 3_600_000), Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC)
            .define(RANGE_INITIAL_CONFIG, Type.LONG, 1_000L, Range.between(1, 10_000_000), Importance.LOW, RANGE_INITIAL_DOC)
            .define(RANGE_MAX_CONFIG, Type.LONG, 10_000L, Range.between(1, 10_000_000), Importance.LOW, RANGE_MAX_DOC)
            .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, 2_000L, Range.between(10, 600_000), Importance.LOW, POLL_INTERVAL_MS_DOC);

    public IngestConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        if (follow() && toBlock().isPresent()) {
            throw new ConfigException(TO_BLOCK_CONFIG, toBlock().getAsLong(), "cannot be combined with " + FOLLOW_CONFIG + "=true");
        }
        logFilter();
        if (toBlock().isPresent() && toBlock().getAsLong() < fromBlock()) {
            throw new ConfigException(TO_BLOCK_CONFIG, toBlock().getAsLong(), "is below " + FROM_BLOCK_CONFIG + " (" + fromBlock() + ")");
        }
        if (getString(INDEXER_PATH_CONFIG) != null && !logFilter().equals(LogFilter.ALL)) {
            throw new ConfigException(INDEXER_PATH_CONFIG, getString(INDEXER_PATH_CONFIG), "chooses the logs itself: drop "
                    + CONTRACTS_CONFIG + ", " + TOPIC0S_CONFIG + " and " + EVENTS_CONFIG);
        }
    }

    public String rpcUrl() {
        return getPassword(RPC_URL_CONFIG).value();
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String inputTopic() {
        return getString(INPUT_TOPIC_CONFIG);
    }

    public InputFormat inputFormat() {
        return InputFormat.parse(getString(INPUT_FORMAT_CONFIG));
    }

    public OptionalLong chainId() {
        return optional(CHAIN_ID_CONFIG);
    }

    public long fromBlock() {
        return getLong(FROM_BLOCK_CONFIG);
    }

    public OptionalLong toBlock() {
        return optional(TO_BLOCK_CONFIG);
    }

    public boolean follow() {
        return getBoolean(FOLLOW_CONFIG);
    }

    public int confirmations() {
        return getInt(CONFIRMATIONS_CONFIG);
    }

    public int reorgThreshold() {
        return getInt(REORG_THRESHOLD_CONFIG);
    }

    /** The logs that contracts, topic0s and events choose; {@link LogFilter#ALL} when none is set. */
    public LogFilter logFilter() {
        List<String> topics = new ArrayList<>(nonBlank(getList(TOPIC0S_CONFIG)));
        for (String signature : getString(EVENTS_CONFIG).split(";")) {
            if (!signature.isBlank()) {
                try {
                    topics.add(EventSignature.parse(signature).topic0());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(EVENTS_CONFIG, signature.trim(), e.getMessage());
                }
            }
        }
        try {
            return new LogFilter(nonBlank(getList(CONTRACTS_CONFIG)), topics);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CONTRACTS_CONFIG + "/" + TOPIC0S_CONFIG, null, e.getMessage());
        }
    }

    public int concurrency() {
        return getInt(CONCURRENCY_CONFIG);
    }

    public double maxRequestsPerSecond() {
        return getDouble(MAX_REQUESTS_PER_SECOND_CONFIG);
    }

    public Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS_CONFIG));
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS_CONFIG));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    public long rangeInitial() {
        return getLong(RANGE_INITIAL_CONFIG);
    }

    public long rangeMax() {
        return getLong(RANGE_MAX_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public Optional<String> indexerPath() {
        return Optional.ofNullable(getString(INDEXER_PATH_CONFIG));
    }

    private OptionalLong optional(String key) {
        Long v = getLong(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(s -> !s.isBlank()).toList();
    }
}
