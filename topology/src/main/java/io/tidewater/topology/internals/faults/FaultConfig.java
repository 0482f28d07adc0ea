package io.tidewater.topology.internals.faults;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The internal config keys that arm a {@link FaultHook}. Declared with
 * {@link ConfigDef#defineInternal} in the configs whose code has fault points (the topology's and
 * the sink's), so they load from a file or from the environment
 * ({@code TIDEWATER_INTERNAL_FAULTS}, {@code TIDEWATER_INTERNAL_FAULT_SIGNALS_PATH}) like any key,
 * and stay out of the documented ones.
 */
public final class FaultConfig {
    public static final String FAULTS_CONFIG = "internal.faults";
    public static final String FAULTS_DOC = "Internal, for reliability tests only. Fault points to arm, comma-separated, each with the "
            + "hit that strikes: mid-pg-transaction, after-pg-commit, mid-rollback or during-restore halt the process (exit 137) "
            + "at their N-th hit ('after-pg-commit:3'); stall-before-batch:N[:SECONDS] holds the sink's writer before the "
            + "transaction of its N-th batch until the process is frozen and resumed, or SECONDS pass (default 120).";

    public static final String SIGNALS_PATH_CONFIG = "internal.fault.signals.path";
    public static final String SIGNALS_PATH_DOC = "Internal, for reliability tests only. A file this process appends JSON lines to: fault "
            + "points hit, stalls, batch outcomes, Streams state changes. What a test reads instead of the logs.";

    private FaultConfig() {
    }

    /** Adds the keys to {@code def}, as internal: accepted, never documented. */
    public static ConfigDef define(ConfigDef def) {
        return def.defineInternal(FAULTS_CONFIG, Type.STRING, "", null, Importance.LOW, FAULTS_DOC)
                .defineInternal(SIGNALS_PATH_CONFIG, Type.STRING, "", null, Importance.LOW, SIGNALS_PATH_DOC);
    }

    /**
     * The hook {@code config} arms, {@link FaultHook#NONE} when it sets neither key.
     *
     * @throws org.apache.kafka.common.config.ConfigException if {@link #FAULTS_CONFIG} is malformed: a
     *     fault that silently did not arm would make a test pass for the wrong reason
     */
    public static FaultHook hook(AbstractConfig config) {
        String faults = config.getString(FAULTS_CONFIG).trim();
        String signals = config.getString(SIGNALS_PATH_CONFIG).trim();
        if (faults.isEmpty() && signals.isEmpty()) {
            return FaultHook.NONE;
        }
        return ArmedFaults.parse(faults, signals.isEmpty() ? FaultSignals.NONE : FaultSignals.appendingTo(signals));
    }
}
