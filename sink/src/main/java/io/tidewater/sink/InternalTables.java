package io.tidewater.sink;

import java.util.List;

/**
 * Tidewater's own tables, beside the entity tables in the configured schema:
 * <ul>
 *   <li>{@code tidewater_progress}: per input topic and partition, the input offset of the last
 *       committed batch. It is the fence of the forward-only rule.</li>
 *   <li>{@code tidewater_chain_progress}: per chain, the head block and hash of the last
 *       committed batch, and the partition whose batch wrote it.</li>
 *   <li>{@code tidewater_chains}: the view users read.</li>
 * </ul>
 */
final class InternalTables {
    static final Identifier PROGRESS = new Identifier("tidewater_progress");
    static final Identifier CHAIN_PROGRESS = new Identifier("tidewater_chain_progress");
    static final Identifier CHAINS_VIEW = new Identifier("tidewater_chains");

    private final Identifier schema;

    InternalTables(Identifier schema) {
        this.schema = schema;
    }

    String progress() {
        return schema.quoted() + "." + PROGRESS.quoted();
    }

    String chainProgress() {
        return schema.quoted() + "." + CHAIN_PROGRESS.quoted();
    }

    String chainsView() {
        return schema.quoted() + "." + CHAINS_VIEW.quoted();
    }

    List<String> ddl() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + progress() + " ("
                        + "\"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"input_offset\" bigint NOT NULL, "
                        + "\"updated_at\" timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (\"topic\", \"partition\"))",
                "CREATE TABLE IF NOT EXISTS " + chainProgress() + " ("
                        + "\"chain_id\" bigint PRIMARY KEY, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, "
                        + "\"written_block\" bigint NOT NULL, \"written_hash\" text, \"processed_block\" bigint, "
                        + "\"updated_at\" timestamptz NOT NULL DEFAULT now())",
                "ALTER TABLE " + chainProgress() + " ADD COLUMN IF NOT EXISTS \"processed_block\" bigint",
                // processed_block is the live head when the last batch committed: processing goes on
                // while a batch is written, so it is at or ahead of written_block.
                "CREATE OR REPLACE VIEW " + chainsView() + " AS SELECT c.\"chain_id\", c.\"processed_block\", "
                        + "c.\"written_block\", c.\"written_hash\", p.\"input_offset\" AS \"written_offset\", "
                        + "c.\"topic\", c.\"partition\", c.\"updated_at\" "
                        + "FROM " + chainProgress() + " c LEFT JOIN " + progress() + " p "
                        + "ON p.\"topic\" = c.\"topic\" AND p.\"partition\" = c.\"partition\"",
                "COMMENT ON VIEW " + chainsView() + " IS 'Per chain: the block processing had reached and the head "
                        + "block and hash of the last batch committed to Postgres, the input offset it reflects, and when "
                        + "it was committed. Everything up to written_block is in the entity tables; blocks processed "
                        + "since then are not yet written.'");
    }
}
