package io.tidewater.bench.chaos;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code tidewater chaos [--quick] [--seed N] [--kills N] [--outages N] [--zombies N]
 * [--outage-seconds MIN-MAX] [--brokers 1|3] [--broker-faults N] [--broker-down-seconds MIN-MAX] [--only KIND,...]
 * [--work DIR]}: the reliability harness. Exit 0 when every check held, 1 when one did not, 2 on a bad flag.
 */
public final class ChaosMain {
    /** One of each broker fault kind. */
    private static final int QUICK_BROKER_FAULTS = 11;
    /** Ten of each. */
    private static final int FULL_BROKER_FAULTS = 110;

    private ChaosMain() {
    }

    public static void main(String[] args) {
        // Ctrl-C must not leave tidewater JVMs or a frozen Postgres behind: only this JVM's own children.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(p -> {
            try {
                Signals.send("CONT", p.pid());
            } catch (java.io.IOException | InterruptedException gone) {
                // Already exited.
            }
            p.destroyForcibly();
        })));
        PrintStream console = System.out;
        int code;
        try {
            code = run(args, true);
        } catch (Exception e) {
            // The logs go to a file by now; the reason the run could not finish must not.
            console.println("chaos: the run could not finish: " + e);
            e.printStackTrace(console);
            code = 1;
        }
        System.exit(code);
    }

    /**
     * The broker and Postgres log to the console in this JVM, and a killed EOS producer makes the
     * broker log errors by design: the logs go to a file, and the run's own story to the console
     * stream returned.
     */
    private static PrintStream logsTo(Path file) throws java.io.IOException {
        PrintStream console = System.out;
        PrintStream logs = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        System.setOut(logs);
        System.setErr(logs);
        return console;
    }

    /** @param logsToFile whether this JVM's logs go to {@code harness.log} in the work directory instead of stderr */
    static int run(String[] args, boolean logsToFile) throws Exception {
        boolean quick = false;
        long seed = 20261124L;
        Path work = null;
        Integer kills = null;
        Integer outages = null;
        Integer zombies = null;
        int[] outageSeconds = null;
        int brokers = 1;
        Integer brokerFaults = null;
        int[] brokerDownSeconds = null;
        java.util.List<FaultKind> only = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--kills" -> kills = Integer.parseInt(value(args, ++i, a));
                case "--outages" -> outages = Integer.parseInt(value(args, ++i, a));
                case "--zombies" -> zombies = Integer.parseInt(value(args, ++i, a));
                case "--brokers" -> brokers = Integer.parseInt(value(args, ++i, a));
                case "--broker-faults" -> brokerFaults = Integer.parseInt(value(args, ++i, a));
                case "--broker-down-seconds" -> brokerDownSeconds = range(value(args, ++i, a));
                case "--only" -> only = java.util.Arrays.stream(value(args, ++i, a).split(",")).map(FaultKind::ofFlag).toList();
                case "--outage-seconds" -> outageSeconds = range(value(args, ++i, a));
                case "--help", "-h" -> {
                    System.out.println(usage());
                    return 0;
                }
                default -> {
                    System.err.println("chaos: unknown option " + a + "\n" + usage());
                    return 2;
                }
            }
        }
        if (brokers != 1 && brokers != BrokerCluster.SIZE) {
            System.err.println("chaos: --brokers is 1 (in-process) or " + BrokerCluster.SIZE + " (a cluster of broker processes)\n" + usage());
            return 2;
        }
        if (brokerFaults != null && brokers == 1) {
            System.err.println("chaos: --broker-faults needs --brokers " + BrokerCluster.SIZE + "\n" + usage());
            return 2;
        }
        ChaosPlan plan = quick ? ChaosPlan.quick(seed) : ChaosPlan.full(seed);
        if (brokers == BrokerCluster.SIZE) {
            int total = brokerFaults != null ? brokerFaults : quick ? QUICK_BROKER_FAULTS : FULL_BROKER_FAULTS;
            plan = only == null ? plan.withBrokerFaults(total)
                    : plan.withBrokerFaults(total, only.stream().filter(FaultKind::broker).toList());
            if (!quick) {
                // The broker faults are the point of a cluster run; the others mix in at a tenth of the full plan (about a third with zombies).
                kills = kills != null ? kills : 20;
                outages = outages != null ? outages : 2;
                zombies = zombies != null ? zombies : 4;
            }
        }
        if (kills != null) {
            // Split as the full plan does: six random, three at points, one with the state wiped.
            plan = plan.withCount(FaultKind.RANDOM_KILL, kills * 6 / 10).withCount(FaultKind.POINT_KILL, kills * 3 / 10)
                    .withCount(FaultKind.WIPED_STATE, kills - kills * 6 / 10 - kills * 3 / 10);
        }
        if (outages != null) {
            plan = plan.withCount(FaultKind.PG_STOP, outages).withCount(FaultKind.PG_FREEZE, (outages + 1) / 2)
                    .withCount(FaultKind.PG_BACKEND_KILL, outages);
        }
        if (zombies != null) {
            plan = plan.withCount(FaultKind.ZOMBIE_FROZEN, zombies).withCount(FaultKind.ZOMBIE_REBALANCE, (zombies + 1) / 2);
        }
        if (outageSeconds != null) {
            plan = plan.withOutageSeconds(outageSeconds[0], outageSeconds[1]);
        }
        if (only != null) {
            for (FaultKind kind : FaultKind.values()) {
                if (!only.contains(kind)) {
                    plan = plan.withCount(kind, 0);
                }
            }
        }
        if (brokerDownSeconds != null) {
            plan = plan.withBrokerDownSeconds(brokerDownSeconds[0], brokerDownSeconds[1]);
        }
        Path dir = work != null ? work : Files.createTempDirectory("tidewater-chaos-");
        Files.createDirectories(dir);
        PrintStream console = logsToFile ? logsTo(dir.resolve("harness.log")) : System.out;
        console.printf("chaos: %s mode, seed %d, %d faults (%d kills, %d broker faults), %s, work directory %s%n", quick ? "quick" : "full",
                seed, plan.episodes().size(), plan.kills(), plan.brokerFaults(),
                plan.cluster() ? BrokerCluster.SIZE + " broker processes" : "in-process broker", dir);
        Duration drain = Duration.ofSeconds(120 + Math.max(plan.maxOutageSeconds(), plan.cluster() ? plan.maxBrokerDownSeconds() : 0));
        ChaosReport report = new ChaosRun(plan, dir, console, drain).execute();
        report.print(console);
        return report.passed() ? 0 : 1;
    }

    /** {@code MIN-MAX}, or one number for both. */
    private static int[] range(String text) {
        String[] range = text.split("-");
        return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])};
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return String.join("\n",
                "usage: tidewater chaos [--quick] [--seed N] [--kills N] [--outages N] [--zombies N]",
                "                       [--outage-seconds MIN-MAX] [--brokers 1|3] [--broker-faults N]",
                "                       [--broker-down-seconds MIN-MAX] [--only KIND,...] [--work DIR]",
                "  --quick           a few faults of each kind (CI, a few minutes); default is the full run",
                "  --seed N          input, fault order and timing (default 20261124); a failing run re-runs exactly",
                "  --kills N         SIGKILLs: 60% at random times, 30% at injection points, 10% with the state wiped",
                "  --outages N       Postgres stops (immediate), as many backend-kill bursts, half as many SIGSTOP hangs",
                "  --zombies N       frozen-instance takeovers, plus half as many second-instance rebalances",
                "  --outage-seconds  range of a Postgres stop (full default 5-120)",
                "  --brokers 3       a cluster of 3 broker processes (replication 3, min.insync.replicas 2) instead of the",
                "                    in-process broker, an ingester producing from a fake node, and broker faults: the leader",
                "                    of an input partition and the active controller shut down, killed, bounced 5 times",
                "                    (clean and hard); 2 brokers down at once; all 3 bounced; a broker frozen 10-60 s",
                "  --broker-faults N broker faults, spread evenly over those 11 kinds (default 11 quick, 110 full); the full",
                "                    cluster run mixes in 20 kills, 2 outages and 4 zombies unless told otherwise",
                "  --broker-down-seconds  how long 2 brokers stay down, and a broker frozen (default 10-20 quick, 10-60 full)",
                "  --only KIND,...   only these fault kinds, e.g. two-brokers-down,broker-freeze,random-kill (counts as",
                "                    the other flags or the plan give them; broker faults spread over the broker kinds listed)",
                "  --work DIR        where Postgres data, state directories and instance logs go (default: a temp dir)");
    }
}
