package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.internals.faults.FaultHook;
import io.tidewater.topology.internals.faults.FaultPoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in one transaction: lock the partition's progress row, skip if its offset is
 * already at or past the batch's, else the deletes, inserts and upserts of every table, then the
 * progress row and chain heads, then commit. Transient failures retry the whole transaction; a
 * row inserted as new that was already there writes the batch again at once with upserts only.
 *
 * <p>When the connection dies during {@code COMMIT}, the client cannot tell whether the commit
 * happened. The next attempt first re-reads the progress row on a fresh connection: an offset at
 * or past the batch's means it landed (or a newer batch of the same partition did, which holds
 * the same entities at least as new), and the batch is reported written without writing again.
 *
 * <p>Runs on the writer thread only.
 */
final class BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final DataSource dataSource;
    private final ProgressStore progress;
    private final BatchPreparer preparer;
    private final Retrier retrier;
    private final SinkMetrics metrics;
    private final FaultHook faults;

    BatchWriter(DataSource dataSource, ProgressStore progress, BatchPreparer preparer, Retrier retrier, SinkMetrics metrics,
            FaultHook faults) {
        this.dataSource = dataSource;
        this.progress = progress;
        this.preparer = preparer;
        this.retrier = retrier;
        this.metrics = metrics;
        this.faults = faults;
    }

    BatchOutcome write(Batch batch) throws Exception {
        // Reliability tests only: hold a cut batch while the process is frozen and another instance moves on.
        faults.stall(FaultPoint.STALL_BEFORE_BATCH, describe(batch));
        long start = System.nanoTime();
        Attempt attempt = new Attempt(batch, preparer.prepare(batch));
        BatchOutcome.Status status = retrier.executeWithRetries(
                "batch " + batch.topic() + "/" + batch.partition() + "@" + batch.offset(), attempt::run);
        long nanos = System.nanoTime() - start;
        if (faults.hasStalled()) {
            // What a resumed zombie did is the test's evidence: every batch after the stall, either way.
            Map<String, Object> outcome = new LinkedHashMap<>(describe(batch));
            outcome.put("outcome", status == BatchOutcome.Status.SKIPPED ? "refused" : "written");
            outcome.put("storedOffset", attempt.storedUnderLock);
            faults.signal("batch-after-stall", outcome);
        }
        if (status == BatchOutcome.Status.SKIPPED) {
            metrics.skipped(nanos);
            faults.signal("batch-refused", describe(batch));
            log.info("Skipped batch {}/{} at offset {}: stored progress is already there", batch.topic(), batch.partition(),
                    batch.offset());
            return BatchOutcome.skipped(nanos);
        }
        metrics.written(batch, attempt.tables, nanos);
        return BatchOutcome.written(nanos);
    }

    /** The state one batch's attempts share: whether an earlier commit may have landed. */
    private final class Attempt {
        private final Batch batch;
        private List<TableChanges> tables;
        private boolean commitUncertain;
        /** What the last attempt read from the locked progress row (reported after an injected stall). */
        private long storedUnderLock = ProgressStore.NONE;

        Attempt(Batch batch, List<TableChanges> tables) {
            this.batch = batch;
            this.tables = tables;
        }

        BatchOutcome.Status run() throws SQLException {
            if (commitUncertain && landed()) {
                log.info("Batch {}/{} at offset {} did land: its commit failed on the way back", batch.topic(),
                        batch.partition(), batch.offset());
                return BatchOutcome.Status.WRITTEN;
            }
            commitUncertain = false;
            try {
                return write();
            } catch (CreatedRowExistsException e) {
                log.info("Batch {}/{} at offset {}: {}; writing it again with upserts only", batch.topic(), batch.partition(),
                        batch.offset(), e.getMessage());
                tables = preparer.prepareUpsertsOnly(batch);
                return write();
            }
        }

        private BatchOutcome.Status write() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    long stored = progress.lock(connection, batch.topic(), batch.partition());
                    storedUnderLock = stored;
                    if (stored >= batch.offset()) {
                        connection.rollback();
                        return BatchOutcome.Status.SKIPPED;
                    }
                    for (TableChanges t : tables) {
                        t.writer().delete(connection, t.deletes());
                        t.writer().insert(connection, t);
                        t.writer().upsert(connection, t);
                    }
                    progress.advance(connection, batch);
                    faults.hit(FaultPoint.MID_PG_TRANSACTION);
                } catch (SQLException | RuntimeException e) {
                    endQuietly(connection, e);
                    throw e;
                }
                try {
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    commitUncertain = true;
                    endQuietly(connection, e);
                    throw e;
                }
                faults.hit(FaultPoint.AFTER_PG_COMMIT);
                return BatchOutcome.Status.WRITTEN;
            }
        }

        private boolean landed() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                long stored = progress.read(connection, batch.topic(), batch.partition());
                connection.rollback();
                return stored >= batch.offset();
            }
        }
    }

    private static Map<String, Object> describe(Batch batch) {
        return Map.of("topic", batch.topic(), "partition", batch.partition(), "offset", batch.offset());
    }

    /**
     * Rolls back after a failure; or, when the driver lost its place in the protocol, aborts the
     * connection, which the pool would otherwise hand out again (it discards connections only on
     * connection-class SQL states).
     */
    private static void endQuietly(Connection connection, Exception failure) {
        try {
            if (TransientErrors.driverProtocolError(failure)) {
                connection.abort(Runnable::run);
            } else {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // The connection is likely gone; the pool discards it, and the original error matters.
            log.debug("Ending the failed transaction failed: {}", e.getMessage());
        }
    }
}
