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
    ZOMBIE_FROZEN("frozen instance (zombie)"),

    // Broker faults, on the three-broker cluster only. A broker shut down or killed stays down
    // through the drain and the comparison; every broker is back, with a full ISR, before the next fault.

    /** The leader of an input partition: SIGTERM, a controlled shutdown. */
    LEADER_STOP("input leader: clean shutdown", Loss.ONE_BROKER),
    /** The leader of an input partition: SIGKILL. */
    LEADER_KILL("input leader: hard kill", Loss.ONE_BROKER),
    /** Five times: the leader of the partition (found again each time) stopped with SIGTERM and restarted. */
    LEADER_BOUNCE("input leader: clean bounce x5", Loss.ONE_BROKER),
    /** Five times: the leader of the partition (found again each time) killed with SIGKILL and restarted. */
    LEADER_HARD_BOUNCE("input leader: hard bounce x5", Loss.ONE_BROKER),
    /** The active controller (the KRaft quorum's leader): SIGTERM. */
    CONTROLLER_STOP("controller: clean shutdown", Loss.ONE_BROKER),
    /** The active controller: SIGKILL. */
    CONTROLLER_KILL("controller: hard kill", Loss.ONE_BROKER),
    /** Five times: the active controller (found again each time) stopped with SIGTERM and restarted. */
    CONTROLLER_BOUNCE("controller: clean bounce x5", Loss.ONE_BROKER),
    /** Five times: the active controller (found again each time) killed with SIGKILL and restarted. */
    CONTROLLER_HARD_BOUNCE("controller: hard bounce x5", Loss.ONE_BROKER),
    /** Two of the three brokers down at once (SIGTERM or SIGKILL) for a while: no quorum, no min.insync.replicas. */
    TWO_BROKERS_DOWN("2 brokers down at once", Loss.QUORUM),
    /** All three brokers stopped at once (SIGTERM or SIGKILL), then started again. */
    ALL_BROKERS_BOUNCE("all 3 brokers bounced", Loss.QUORUM),
    /** One broker frozen with SIGSTOP for 10 to 60 s, then resumed. */
    BROKER_FREEZE("broker frozen (SIGSTOP)", Loss.ONE_BROKER);

    /** What a fault takes from the cluster, and so what the app must do through it. */
    enum Loss {
        /** Not a broker fault. */
        NONE,
        /** One broker: the app stays up, Streams RUNNING or back to RUNNING. */
        ONE_BROKER,
        /** The quorum and min.insync.replicas: the app waits and recovers, or exits non-zero with the reason and is restarted. */
        QUORUM
    }

    private final String label;
    private final Loss loss;

    FaultKind(String label) {
        this(label, Loss.NONE);
    }

    FaultKind(String label, Loss loss) {
        this.label = label;
        this.loss = loss;
    }

    String label() {
        return label;
    }

    /** The name on the command line: {@code two-brokers-down} for {@code TWO_BROKERS_DOWN}. */
    String flag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static FaultKind ofFlag(String flag) {
        for (FaultKind k : values()) {
            if (k.flag().equals(flag)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no fault kind '" + flag + "'; kinds: "
                + java.util.Arrays.stream(values()).map(FaultKind::flag).toList());
    }

    Loss loss() {
        return loss;
    }

    boolean broker() {
        return loss != Loss.NONE;
    }
}
