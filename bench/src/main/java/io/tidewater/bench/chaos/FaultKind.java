package io.tidewater.bench.chaos;

/** The faults a chaos run injects, one per episode. */
enum FaultKind {
    /** SIGKILL of the primary at a random moment while it processes new input. */
    RANDOM_KILL("kill (random)"),
    /** SIGKILL at a named point inside the app (the internal key {@code internal.faults}), points in turn. */
    POINT_KILL("kill (injection point)"),
    /** SIGKILL, then the state directory deleted before the restart: everything restores from the changelogs. */
    WIPED_STATE("kill + state wiped"),
    /** Postgres stopped in immediate mode for a while, then started on the same port and data. */
    PG_STOP("postgres stopped"),
    /** Postgres and its backends frozen with SIGSTOP, then resumed. */
    PG_FREEZE("postgres hung"),
    /** Postgres client backends ended again and again for a few seconds, so some die in a write or its COMMIT. */
    PG_BACKEND_KILL("postgres backends killed"),
    /** A second instance joins the group and leaves again (SIGTERM or SIGKILL): two rebalances. */
    ZOMBIE_REBALANCE("second instance (rebalance)"),
    /** The primary frozen past its session timeout while a second one takes over, then resumed. */
    ZOMBIE_FROZEN("frozen instance (zombie)");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
