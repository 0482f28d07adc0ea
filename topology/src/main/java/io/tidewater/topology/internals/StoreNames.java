package io.tidewater.topology.internals;

/**
 * Names of the topology's nodes and stores. They name changelog topics and state
 * directories: renaming one orphans its data, so they never change.
 */
public final class StoreNames {
    public static final String SOURCE = "tidewater-input";
    public static final String PROCESSOR = "tidewater-indexer";
    public static final String DEAD_LETTER_SINK = "tidewater-dead-letters";

    public static final String ENTITIES = "tidewater-entities";
    public static final String INDEX = "tidewater-entity-index";
    public static final String UNDO = "tidewater-undo-log";
    public static final String DIRTY = "tidewater-dirty";
    public static final String CHAINS = "tidewater-chains";
    public static final String HASHES = "tidewater-block-hashes";

    private StoreNames() {
    }
}
