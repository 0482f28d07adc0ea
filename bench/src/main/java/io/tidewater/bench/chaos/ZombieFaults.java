package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.topology.internals.faults.FaultPoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The faults of a second instance: one that joins the group and leaves (a rebalance), and a
 * zombie, frozen holding a batch while a successor takes over, whose stale batches the
 * forward-only rule must refuse.
 */
final class ZombieFaults {
    /** How long a frozen-instance episode waits for the stall point, and for the successor to pass the held batch. */
    private static final Duration STALL_PATIENCE = Duration.ofSeconds(240);

    /**
     * What one frozen-instance episode showed.
     *
     * @param held whether the zombie was frozen holding a cut batch (its writer stalled before the transaction)
     * @param stale whether the stored offset was at or beyond that batch's offset before the zombie resumed
     * @param staleByTakeover whether it was behind that batch at the freeze, so the successor's writes made it stale
     *     (otherwise the held batch replayed what the previous instance had written)
     * @param heldOutcome "refused", "written", or "none" when the zombie did not try it after the resume
     * @param refusedAfter other batches of the zombie refused after the resume
     * @param writtenAfter other batches of the zombie written after the resume (beyond stored progress: not stale)
     */
    record ZombieEpisode(boolean held, boolean stale, boolean staleByTakeover, String heldOutcome, int refusedAfter, int writtenAfter) {
        int staleAttempted() {
            return (stale && !heldOutcome.equals("none") ? 1 : 0) + refusedAfter;
        }

        int staleRefused() {
            return (stale && heldOutcome.equals("refused") ? 1 : 0) + refusedAfter;
        }

        int staleAccepted() {
            return stale && heldOutcome.equals("written") ? 1 : 0;
        }
    }

    private final ChaosEnvironment env;
    private final SplittableRandom random;
    private final Runnable moreInput;
    private final List<ZombieEpisode> zombies = new ArrayList<>();
    private String failure;

    ZombieFaults(ChaosEnvironment env, SplittableRandom random, Runnable moreInput) {
        this.env = env;
        this.random = random;
        this.moreInput = moreInput;
    }

    /** Frozen-instance episodes so far, in order. */
    List<ZombieEpisode> episodes() {
        return List.copyOf(zombies);
    }

    /** Why the last frozen-instance episode failed its check (a stale batch accepted), or null; cleared by reading. */
    String takeFailure() {
        String f = failure;
        failure = null;
        return f;
    }

    String secondInstance() throws Exception {
        env.ensurePrimary();
        try (AppProcess second = env.launchSecondary()) {
            Thread.sleep(ChaosEnvironment.SESSION_TIMEOUT_MS + 2_000L);
            if (random.nextBoolean()) {
                OptionalInt code = second.terminate(Duration.ofMinutes(2));
                return "second instance joined, then SIGTERM (exit " + (code.isPresent() ? code.getAsInt() : "none") + ")";
            }
            second.kill();
            return "second instance joined, then SIGKILL";
        }
    }

    /**
     * A zombie holding a batch: the primary is restarted with its writer armed to stall before
     * the transaction of its first or second batch; once it says it holds one, it is frozen with
     * SIGSTOP. A successor takes the partitions once the session times out, gets more input and
     * writes at or beyond the held batch's offset. Then the zombie is resumed: its writer goes on
     * with the held batch, which is now stale and must be refused by the forward-only rule, as
     * must any other batch it had queued. Then it is killed and the successor is the primary.
     */
    String frozenInstance() throws Exception {
        AppProcess previous = env.ensurePrimary();
        if (previous.terminate(Duration.ofSeconds(60)).isEmpty()) {
            previous.kill();
        }
        // Not the first batch: after a restart it often replays what the previous instance wrote, stale before any takeover.
        String spec = FaultPoint.STALL_BEFORE_BATCH.label() + ":" + (2 + random.nextInt(2));
        AppProcess zombie = env.ensurePrimary(Map.of(AppProcess.FAULTS_VARIABLE, spec));
        // A JVM start and a restore take over a minute on a loaded 2-core machine.
        Optional<JsonNode> stalled = zombie.awaitSignal(sig -> AppProcess.isSignal(sig, "stalled"), 0, STALL_PATIENCE);
        if (stalled.isEmpty()) {
            // No batch to hold: freeze it anyway, so the takeover still happens.
            Thread.sleep(300 + random.nextLong(1_500));
        }
        if (!zombie.freeze()) {
            // It exited, or never started (a state directory it cannot open, say): nothing to freeze.
            failure = "  the instance armed with " + spec + " exited before it was frozen:\n" + zombie.outputTail() + "\n";
            env.ensurePrimary();
            return "the instance to freeze exited before it was frozen (" + spec + "), so no takeover happened";
        }
        String frozenAt = clock();
        String topic = stalled.map(sig -> sig.path("topic").asText()).orElse(null);
        int partition = stalled.map(sig -> sig.path("partition").asInt()).orElse(-1);
        long heldOffset = stalled.map(sig -> sig.path("offset").asLong()).orElse(-1L);
        long storedAtFreeze = stalled.isPresent() ? storedOffset(topic, partition) : -1;

        AppProcess successor = env.launchSecondary();
        Thread.sleep(ChaosEnvironment.SESSION_TIMEOUT_MS + 4_000L);
        moreInput.run();
        Thread.sleep(4_000L);
        long storedAtResume = storedAtFreeze;
        if (stalled.isPresent()) {
            // The held batch is stale only once the successor has written at or beyond it.
            long deadline = System.nanoTime() + STALL_PATIENCE.toNanos();
            while ((storedAtResume = storedOffset(topic, partition)) < heldOffset && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        int signalsBefore = zombie.signals().size();
        String resumedAt = clock();
        zombie.thaw();
        // The held batch's outcome, as the zombie's writer reports it, with the offset it read under the row lock.
        Optional<JsonNode> heldLine = stalled.isEmpty() ? Optional.empty()
                : zombie.awaitSignal(sig -> AppProcess.isSignal(sig, "batch-after-stall") && sameBatch(sig, topic, partition, heldOffset),
                        signalsBefore, Duration.ofSeconds(30));
        String heldOutcome = heldLine.map(sig -> sig.path("outcome").asText()).orElse("none");
        long heldSawStored = heldLine.map(sig -> sig.path("storedOffset").asLong()).orElse(-1L);
        // Batches it had queued behind the held one get their turn too; it soon notices the fencing and rejoins.
        Thread.sleep(2_000);
        zombie.kill();
        env.promote(successor);

        // Once fenced, a resumed instance closes its tasks and rejoins the group as a new member:
        // batches after it rejoins (its next "-> REBALANCING") are a live member's, not the zombie's.
        int refusedAfter = 0;
        int writtenAfter = 0;
        List<String> badWrites = new ArrayList<>();
        List<JsonNode> after = zombie.signals();
        for (JsonNode sig : after.subList(Math.min(signalsBefore, after.size()), after.size())) {
            if (AppProcess.isSignal(sig, "streams-state") && sig.path("from").asText().equals("RUNNING")
                    && sig.path("to").asText().equals("REBALANCING")) {
                break;
            }
            if (!AppProcess.isSignal(sig, "batch-after-stall")) {
                continue;
            }
            long offset = sig.path("offset").asLong();
            long stored = sig.path("storedOffset").asLong();
            boolean written = sig.path("outcome").asText().equals("written");
            if (written && stored >= offset) {
                badWrites.add(sig.path("topic").asText() + "/" + sig.path("partition").asInt() + "@" + offset + " over stored " + stored);
                continue;
            }
            if (sameBatch(sig, topic, partition, heldOffset)) {
                continue;
            }
            if (written) {
                writtenAfter++;
            } else {
                refusedAfter++;
            }
        }

        boolean stale = stalled.isPresent() && storedAtResume >= heldOffset;
        ZombieEpisode episode = new ZombieEpisode(stalled.isPresent(), stale, stale && storedAtFreeze < heldOffset, heldOutcome,
                refusedAfter, writtenAfter);
        zombies.add(episode);
        if (episode.staleAccepted() > 0 || !badWrites.isEmpty()) {
            failure = "  the zombie wrote a stale batch: held " + topic + "/" + partition + "@" + heldOffset + " " + heldOutcome
                    + " (the harness read stored offset " + storedAtResume + " before the resume; the zombie read " + heldSawStored
                    + " under the lock)" + (badWrites.isEmpty() ? "" : "; written over a stored offset at or beyond them: " + badWrites)
                    + "\n";
        }
        if (stalled.isEmpty()) {
            return "primary frozen while a successor took over, resumed, then killed; it never held a batch (" + spec
                    + " not reached within " + STALL_PATIENCE.toSeconds() + " s), so no stale batch was tried";
        }
        return "frozen " + frozenAt + "-" + resumedAt + " holding batch " + topic + "/" + partition + "@" + heldOffset + " (" + spec + "); stored offset "
                + storedAtFreeze + " at the freeze, " + storedAtResume + " written by the successor before the resume"
                + (stale && storedAtFreeze >= heldOffset ? " (already stale at the freeze: a replay)" : "")
                + (stale ? "" : " (NOT STALE: the successor stayed behind for " + STALL_PATIENCE.toSeconds() + " s)") + "; after the resume the held batch was "
                + heldOutcome + (heldLine.isPresent() ? " (stored " + heldSawStored + " under the lock)" : "")
                + "; zombie stale batches attempted " + episode.staleAttempted() + ", refused " + episode.staleRefused() + ", accepted "
                + episode.staleAccepted() + (writtenAfter > 0 ? "; " + writtenAfter + " queued batches written beyond stored progress" : "");
    }

    private static boolean sameBatch(JsonNode signal, String topic, int partition, long offset) {
        return signal.path("topic").asText().equals(topic) && signal.path("partition").asInt() == partition
                && signal.path("offset").asLong() == offset;
    }

    /** Wall-clock time of day, to find a moment in the instances' logs. */
    private static String clock() {
        return java.time.LocalTime.now().withNano(0).toString();
    }

    /** The partition's stored offset in {@code tidewater_progress}, or -1 (none yet, or unreachable). */
    private long storedOffset(String topic, int partition) {
        Properties props = new Properties();
        props.setProperty("user", env.postgres().user());
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl(), props);
                PreparedStatement st = c.prepareStatement("select input_offset from tidewater_progress where topic = ? and partition = ?")) {
            st.setString(1, topic);
            st.setInt(2, partition);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
