package io.tidewater.topology.internals.faults;

import java.util.Locale;

/** Where a fault can strike. All but {@link #STALL_BEFORE_BATCH} halt the process, as {@code kill -9} would. */
public enum FaultPoint {
    /** In a Postgres batch transaction, after its writes, before COMMIT. */
    MID_PG_TRANSACTION,
    /** Right after a batch's COMMIT, before the topology learns of it (and so before Kafka commits). */
    AFTER_PG_COMMIT,
    /** Halfway through undoing a rollback's changes in the store. */
    MID_ROLLBACK,
    /** While a store is being restored from its changelog. */
    DURING_RESTORE,
    /** Before a batch's transaction opens: stalls the writer instead of halting (see {@link FaultHook#stall}). */
    STALL_BEFORE_BATCH;

    /** As written in {@link FaultConfig#FAULTS_CONFIG}: {@code mid-rollback}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the point halts the process; the others stall. */
    public boolean halts() {
        return this != STALL_BEFORE_BATCH;
    }

    static FaultPoint ofLabel(String label) {
        for (FaultPoint p : values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        return null;
    }
}
