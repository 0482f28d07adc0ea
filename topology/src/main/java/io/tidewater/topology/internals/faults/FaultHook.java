package io.tidewater.topology.internals.faults;

import java.util.Map;

/**
 * What the indexer's code calls at its fault points, and where it reports what a reliability test
 * needs to see. The default, {@link #NONE}, does nothing; {@link FaultConfig#hook} arms one.
 *
 * <p>Threading: called from stream threads, the sink's writer and restore callbacks; an armed hook
 * is thread-safe.
 */
public interface FaultHook {
    /** What a SIGKILL'd JVM reports, and what a halted one exits with. */
    int KILLED_EXIT_CODE = 137;

    /** Does nothing: production. */
    FaultHook NONE = new FaultHook() {
    };

    /** Halts the JVM at once if {@code point} is armed and this is its fatal hit. */
    default void hit(FaultPoint point) {
    }

    /**
     * Stalls the calling thread if {@code point} is armed and this is its hit: until the process
     * has been frozen and resumed (seen as a jump of the wall clock), or its stall time ran out.
     *
     * @param about what is held, e.g. the batch's topic, partition and offset: part of the signal
     * @return whether this call stalled
     */
    default boolean stall(FaultPoint point, Map<String, Object> about) {
        return false;
    }

    /** Whether a stall point has stalled this process: what it does afterwards is a test's evidence. */
    default boolean hasStalled() {
        return false;
    }

    /**
     * Reports an event to the test that runs this process, as one JSON line of the signals file
     * ({@link FaultConfig#SIGNALS_PATH_CONFIG}): {@code {"signal":name, ...fields}}.
     */
    default void signal(String name, Map<String, Object> fields) {
    }
}
