package io.tidewater.topology;

import io.tidewater.serdes.InputFormat;
import io.tidewater.topology.internals.faults.FaultConfig;
import io.tidewater.topology.internals.faults.FaultHook;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Typed configuration of the indexing topology. Built once and passed down. */
public class TidewaterConfig extends AbstractConfig {
    public static final String INPUT_TOPIC_CONFIG = "input.topic";
    public static final String INPUT_TOPIC_DOC = "Topic the chain-ingestion producers write logs, blocks and reorg notices to, keyed by chain id.";

    public static final String INPUT_FORMAT_CONFIG = "input.format";
    public static final String INPUT_FORMAT_DOC = "Encoding of input values: 'avro' (binary InputRecord), 'json' (one JSON object per record: "
            + "kind log, block or reorg), or a producer's layout: 'rpc' (eth_getLogs and eth_getBlockByNumber objects) or "
            + "'ethereum-etl' (the log and block items of ethereumetl stream).";

    public static final String INPUT_CHAIN_ID_CONFIG = "input.chain.id";
    public static final String INPUT_CHAIN_ID_DOC = "Chain id of records whose layout carries none (rpc, ethereum-etl). Unset: such "
            + "records must carry a chainId field of their own.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String DEAD_LETTER_TOPIC_DOC = "Topic that receives malformed records and records whose handler failed, with the reason.";

    public static final String REORG_THRESHOLD_CONFIG = "reorg.threshold";
    public static final String REORG_THRESHOLD_DOC = "Deepest reorg, in blocks, that is rolled back. A deeper one stops the indexer. History (undo log, block hashes) older than this is pruned.";

    public static final String BATCH_INTERVAL_MS_CONFIG = "batch.interval.ms";
    public static final String BATCH_INTERVAL_MS_DOC = "Wall-clock interval at which unwritten changes are cut into a batch for the sink.";

    public static final String BATCH_SIZE_TRIGGER_CONFIG = "batch.size.trigger";
    public static final String BATCH_SIZE_TRIGGER_DOC = "Number of unwritten entities that cuts a batch before the interval ends, when the writer is idle.";

    public static final String BATCH_CUT_ON_ROLLBACK_CONFIG = "batch.cut.on.rollback";
    public static final String BATCH_CUT_ON_ROLLBACK_DOC = "Cut a batch as soon as a rollback is applied (once the writer is idle), so a reorg reaches the database without waiting for the interval. Off: only the interval and the size trigger cut.";

    public static final String CAPACITY_TARGET_CONFIG = "capacity.target";
    public static final String CAPACITY_TARGET_DOC = "Number of unwritten entities, or of input records processed since the last written batch, above which processing pauses until the in-flight write completes. Bounds batch size, the undo log kept for recovery, and catch-up after a database outage.";

    public static final String SHUTDOWN_FLUSH_TIMEOUT_MS_CONFIG = "shutdown.flush.timeout.ms";
    public static final String SHUTDOWN_FLUSH_TIMEOUT_MS_DOC = "How long closing a task waits for its unwritten changes to reach the sink.";

    /** Also accepts the internal keys of {@link FaultConfig}, for reliability tests; they are not documented. */
    public static final ConfigDef CONFIG = FaultConfig.define(new ConfigDef()
            .define(INPUT_TOPIC_CONFIG, Type.STRING, "tidewater.input", new ConfigDef.NonEmptyString(), Importance.HIGH, INPUT_TOPIC_DOC)
            .define(INPUT_FORMAT_CONFIG, Type.STRING, "avro", ConfigDef.ValidString.in(InputFormat.labels()), Importance.HIGH, INPUT_FORMAT_DOC)
            .define(INPUT_CHAIN_ID_CONFIG, Type.LONG, null, nonNegativeOrUnset(), Importance.MEDIUM, INPUT_CHAIN_ID_DOC)
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "tidewater.dead-letters", new ConfigDef.NonEmptyString(), Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
            .define(REORG_THRESHOLD_CONFIG, Type.INT, 200, Range.between(1, 1_000_000), Importance.HIGH, REORG_THRESHOLD_DOC)
            .define(BATCH_INTERVAL_MS_CONFIG, Type.LONG, 500L, Range.between(10, 3_600_000), Importance.MEDIUM, BATCH_INTERVAL_MS_DOC)
            .define(BATCH_SIZE_TRIGGER_CONFIG, Type.INT, 20_000, Range.atLeast(1), Importance.MEDIUM, BATCH_SIZE_TRIGGER_DOC)
            .define(BATCH_CUT_ON_ROLLBACK_CONFIG, Type.BOOLEAN, true, Importance.LOW, BATCH_CUT_ON_ROLLBACK_DOC)
            .define(CAPACITY_TARGET_CONFIG, Type.INT, 100_000, Range.atLeast(1), Importance.MEDIUM, CAPACITY_TARGET_DOC)
            .define(SHUTDOWN_FLUSH_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW, SHUTDOWN_FLUSH_TIMEOUT_MS_DOC));

    private final FaultHook faults;

    private static ConfigDef.Validator nonNegativeOrUnset() {
        return (name, value) -> {
            if (value != null && (Long) value < 0) {
                throw new ConfigException(name, value, "must be a chain id (0 or more)");
            }
        };
    }

    public TidewaterConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        if (capacityTarget() < batchSizeTrigger()) {
            throw new ConfigException(CAPACITY_TARGET_CONFIG, capacityTarget(),
                    "must be at least " + BATCH_SIZE_TRIGGER_CONFIG + " (" + batchSizeTrigger() + ")");
        }
        this.faults = FaultConfig.hook(this);
    }

    public String inputTopic() {
        return getString(INPUT_TOPIC_CONFIG);
    }

    public InputFormat inputFormat() {
        return InputFormat.parse(getString(INPUT_FORMAT_CONFIG));
    }

    /** The chain of records whose layout carries none; null when unset. */
    public Long inputChainId() {
        return getLong(INPUT_CHAIN_ID_CONFIG);
    }

    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC_CONFIG);
    }

    public int reorgThreshold() {
        return getInt(REORG_THRESHOLD_CONFIG);
    }

    public long batchIntervalMs() {
        return getLong(BATCH_INTERVAL_MS_CONFIG);
    }

    public int batchSizeTrigger() {
        return getInt(BATCH_SIZE_TRIGGER_CONFIG);
    }

    public boolean batchCutOnRollback() {
        return getBoolean(BATCH_CUT_ON_ROLLBACK_CONFIG);
    }

    public int capacityTarget() {
        return getInt(CAPACITY_TARGET_CONFIG);
    }

    public long shutdownFlushTimeoutMs() {
        return getLong(SHUTDOWN_FLUSH_TIMEOUT_MS_CONFIG);
    }

    /**
     * Internal: the fault hook this config arms, one per config object, so that every task built
     * from it counts hits together. {@link FaultHook#NONE} unless a reliability test set the keys.
     */
    public FaultHook faults() {
        return faults;
    }
}
