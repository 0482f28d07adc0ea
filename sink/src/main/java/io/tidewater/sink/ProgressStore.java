package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.ChainCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.LongUnaryOperator;

/**
 * The progress rows, and the fence they make.
 *
 * <p>{@link #lock} takes the row lock of a partition's progress row for the rest of the
 * transaction, creating the row first if it is absent. Every writer of that partition, this
 * instance or a stale one that has not yet noticed it lost the partition, queues on that lock,
 * then reads the offset the last committed writer left. A batch is written only if its offset
 * is beyond it; so progress never moves backwards, and a stale batch can never overwrite rows
 * that a newer batch wrote.
 */
final class ProgressStore {
    /** Stored for a partition no batch has been committed for; every Kafka offset is beyond it. */
    static final long NONE = -1;

    private final String insertIfAbsent;
    private final String selectForUpdate;
    private final String select;
    private final String update;
    private final String upsertChain;
    private final LongUnaryOperator processedHeads;

    ProgressStore(InternalTables tables, LongUnaryOperator processedHeads) {
        this.processedHeads = processedHeads;
        String progress = tables.progress();
        this.insertIfAbsent = "INSERT INTO " + progress + " (\"topic\", \"partition\", \"input_offset\") VALUES (?, ?, " + NONE
                + ") ON CONFLICT (\"topic\", \"partition\") DO NOTHING";
        this.select = "SELECT \"input_offset\" FROM " + progress + " WHERE \"topic\" = ? AND \"partition\" = ?";
        this.selectForUpdate = select + " FOR UPDATE";
        this.update = "UPDATE " + progress + " SET \"input_offset\" = ?, \"updated_at\" = now() WHERE \"topic\" = ? AND \"partition\" = ?";
        this.upsertChain = "INSERT INTO " + tables.chainProgress()
                + " (\"chain_id\", \"topic\", \"partition\", \"written_block\", \"written_hash\", \"processed_block\", "
                + "\"updated_at\") VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (\"chain_id\") DO UPDATE SET "
                + "\"topic\" = EXCLUDED.\"topic\", \"partition\" = EXCLUDED.\"partition\", "
                + "\"written_block\" = EXCLUDED.\"written_block\", \"written_hash\" = EXCLUDED.\"written_hash\", "
                + "\"processed_block\" = EXCLUDED.\"processed_block\", \"updated_at\" = EXCLUDED.\"updated_at\"";
    }

    /** Locks the partition's progress row until the transaction ends, and returns its offset. */
    long lock(Connection connection, String topic, int partition) throws SQLException {
        try {
            try (PreparedStatement st = connection.prepareStatement(insertIfAbsent)) {
                st.setString(1, topic);
                st.setInt(2, partition);
                st.executeUpdate();
            }
            return query(connection, selectForUpdate, topic, partition);
        } catch (SQLException e) {
            throw new StepFailedException(InternalTables.PROGRESS.name(), "locking the progress of " + topic + "/" + partition, e);
        }
    }

    /** The partition's committed offset, or {@link #NONE}; takes no lock. */
    long read(Connection connection, String topic, int partition) throws SQLException {
        return query(connection, select, topic, partition);
    }

    /**
     * Moves the partition to the batch's offset and each of its chains to the batch's head.
     * A chain's block may go down: after a reorg the batch carries the rolled-back head.
     */
    void advance(Connection connection, Batch batch) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(update)) {
            st.setLong(1, batch.offset());
            st.setString(2, batch.topic());
            st.setInt(3, batch.partition());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StepFailedException(InternalTables.PROGRESS.name(), "advancing to offset " + batch.offset(), e);
        }
        if (batch.chains().isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement(upsertChain)) {
            for (ChainCheckpoint chain : batch.chains().values()) {
                st.setLong(1, chain.chainId());
                st.setString(2, batch.topic());
                st.setInt(3, batch.partition());
                st.setLong(4, chain.block());
                if (chain.blockHash() == null) {
                    st.setNull(5, Types.VARCHAR);
                } else {
                    st.setString(5, chain.blockHash());
                }
                // Processing runs ahead while the batch is written; after a reorg the live head may
                // also be below the batch's, which then is what processing holds.
                long processed = processedHeads.applyAsLong(chain.chainId());
                st.setLong(6, processed < 0 ? chain.block() : processed);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new StepFailedException(InternalTables.CHAIN_PROGRESS.name(), "recording chain heads", e);
        }
    }

    private static long query(Connection connection, String sql, String topic, int partition) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, topic);
            st.setInt(2, partition);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : NONE;
            }
        }
    }
}
