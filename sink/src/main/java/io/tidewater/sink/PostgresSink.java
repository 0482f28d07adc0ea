package io.tidewater.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.EntityDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres implementation of {@link BatchSink}: each batch is written in one transaction,
 * in the background, in submission order.
 *
 * <p><b>Threading contract.</b> {@link #submit} is called on Kafka Streams stream threads
 * (possibly several, one batch outstanding per task) and never blocks on I/O: it only enqueues.
 * One writer thread, owned by this sink, alone touches JDBC, decodes values and runs retries;
 * so at most one write is in flight, per partition and overall. The {@link BatchCallback} of
 * every submitted batch is called exactly once: from the writer thread when the batch is
 * written, skipped or fails; from {@link #close} for a batch still queued when it gives up; or
 * from {@code submit} itself when the sink has already failed or closed.
 *
 * <p><b>Forward-only and fencing.</b> Each transaction first locks its partition's row in
 * {@code tidewater_progress} ({@code SELECT ... FOR UPDATE}, creating it if absent). If the
 * stored offset is at or past the batch's, the transaction rolls back and the batch is
 * reported {@link io.tidewater.topology.api.BatchOutcome.Status#SKIPPED}: handlers are
 * deterministic, so the same offset means the same state. Otherwise the upserts, the deletes,
 * the new offset and each chain's head commit together. Because writers of one partition queue
 * on that row lock, a stale instance (a zombie that lost its partition) can never move progress
 * backwards nor overwrite rows a newer batch wrote: its batch is skipped.
 *
 * <p><b>Failures.</b> Transient errors (connection loss, serialization failure, deadlock, admin
 * shutdown, pool timeout) retry the whole transaction with capped exponential backoff, by
 * default forever: an outage holds the queue, and the topology's capacity control turns that
 * into backpressure. Any other error fails the batch with a {@link PostgresSinkException} that
 * names the table, the SQLSTATE and Postgres' message, and is sticky: every batch after it fails
 * with the same exception, so nothing after the last committed batch is reported written.
 */
public final class PostgresSink implements BatchSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);
    private static final PendingBatch STOP = new PendingBatch(null, null);
    /** After an interrupt, how long a writer blocked in JDBC gets before the pool aborts its connection. */
    private static final long INTERRUPT_GRACE_MS = 1_000;
    private static final long STOP_WAIT_MS = 5_000;

    private final SchemaManager schema;
    private final DataSource dataSource;
    private final AutoCloseable pool;
    private final long closeTimeoutMs;
    private final SinkMetrics metrics;
    private final Retrier retrier;
    private final BatchPreparer preparer;
    private final BatchWriter writer;
    private final BlockingQueue<PendingBatch> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<PostgresSinkException> failure = new AtomicReference<>();
    private final Object lifecycle = new Object();
    private final Thread thread;
    private boolean closed;

    /**
     * Validates the entities' tables, creates the pool, brings the schema up to date (retrying
     * while Postgres is unreachable) and starts the writer thread.
     *
     * @param entities the indexer's entities, e.g. {@code indexer.entities()}
     * @param registry where the sink's meters ({@link SinkMetrics}) are registered
     * @throws IllegalArgumentException if an entity's name, a field name or a field type cannot be mapped
     * @throws IllegalStateException if existing tables are incompatible with the entities
     */
    public static PostgresSink open(PostgresSinkConfig config, List<EntityDefinition<?>> entities, MeterRegistry registry) {
        return open(config, entities, registry, SinkOptions.DEFAULT);
    }

    /** As {@link #open(PostgresSinkConfig, List, MeterRegistry)}, with what the running process tells the sink. */
    public static PostgresSink open(PostgresSinkConfig config, List<EntityDefinition<?>> entities, MeterRegistry registry,
            SinkOptions options) {
        SchemaManager schema = new SchemaManager(config.schema(), entities);
        var pool = ConnectionPool.create(config);
        try {
            return open(config, schema, pool, pool, registry, options);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** With a given data source, closed through {@code pool} on close. */
    static PostgresSink open(PostgresSinkConfig config, SchemaManager schema, DataSource dataSource, AutoCloseable pool,
            MeterRegistry registry, SinkOptions options) {
        PostgresSink sink = new PostgresSink(config, schema, dataSource, pool, registry, options);
        sink.applySchema();
        sink.thread.start();
        return sink;
    }

    private PostgresSink(PostgresSinkConfig config, SchemaManager schema, DataSource dataSource, AutoCloseable pool,
            MeterRegistry registry, SinkOptions options) {
        this.schema = schema;
        this.dataSource = dataSource;
        this.pool = pool;
        this.closeTimeoutMs = config.closeTimeoutMs();
        this.metrics = new SinkMetrics(registry, queue::size);
        this.retrier = new Retrier(config.retryBackoffInitialMs(), config.retryBackoffMaxMs(), config.retryMaxAttempts(), metrics);
        List<TableWriter> writers = new ArrayList<>();
        for (EntityTable table : schema.tables()) {
            writers.add(new TableWriter(schema.schema(), table, writers.size()));
        }
        this.preparer = new BatchPreparer(writers);
        this.writer = new BatchWriter(dataSource, new ProgressStore(schema.internalTables(), options.processedHeads()),
                preparer, retrier, metrics, config.faults());
        this.thread = new Thread(this::run, "tidewater-sink-writer");
        // A sink that was never closed must not keep the JVM alive; close() is what flushes.
        this.thread.setDaemon(true);
    }

    /** Enqueues the batch; never blocks. See the class comment for when the callback runs. */
    @Override
    public void submit(Batch batch, BatchCallback callback) {
        PendingBatch pending = new PendingBatch(Objects.requireNonNull(batch, "batch"), Objects.requireNonNull(callback, "callback"));
        metrics.submitted(batch);
        PostgresSinkException failed = failure.get();
        if (failed != null) {
            metrics.failed();
            pending.fail(failed);
            return;
        }
        synchronized (lifecycle) {
            if (!closed) {
                queue.add(pending);
                return;
            }
        }
        metrics.failed();
        pending.fail(new PostgresSinkException("the Postgres sink is closed; batch " + describe(batch) + " was not written", null));
    }

    /**
     * Writes the batches already queued, waiting at most {@code close.timeout.ms}; fails those
     * still unwritten then; stops the writer thread and closes the pool. Later submits fail.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join(closeTimeoutMs);
            if (thread.isAlive()) {
                log.warn("Postgres sink: queued batches not written within {} ms; stopping the writer", closeTimeoutMs);
                thread.interrupt();
                thread.join(INTERRUPT_GRACE_MS);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        List<PendingBatch> left = new ArrayList<>();
        queue.drainTo(left);
        for (PendingBatch p : left) {
            if (p != STOP) {
                metrics.failed();
                p.fail(new PostgresSinkException("the Postgres sink closed before batch " + describe(p.batch()) + " was written", null));
            }
        }
        try {
            pool.close();
        } catch (Exception e) {
            log.warn("Closing the connection pool failed: {}", e.toString());
        }
        try {
            // A writer stuck in JDBC wakes when the pool aborts its connection, and reports its batch.
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Postgres sink: the writer thread did not stop; its batch may not have been reported");
        }
    }

    private void applySchema() {
        try {
            retrier.executeWithRetries("schema \"" + schema.schema() + "\"", () -> {
                try (Connection connection = dataSource.getConnection()) {
                    schema.apply(connection);
                    boolean temporary = mayCreateTemporaryTables(connection);
                    if (!temporary) {
                        log.info("No TEMPORARY privilege on the database: large batches are upserted through unnest, not COPY");
                    }
                    // Before the writer thread starts, which publishes it.
                    preparer.stagingAllowed(temporary);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresSinkException("interrupted while preparing schema \"" + schema.schema() + "\"", e);
        } catch (Exception e) {
            throw new PostgresSinkException("cannot prepare schema \"" + schema.schema() + "\": " + StepFailedException.describe(e), e);
        }
    }

    private static boolean mayCreateTemporaryTables(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT has_database_privilege(current_database(), 'TEMPORARY')")) {
            boolean allowed = rs.next() && rs.getBoolean(1);
            connection.commit();
            return allowed;
        }
    }

    private void run() {
        while (true) {
            PendingBatch pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (pending == STOP) {
                return;
            }
            write(pending);
        }
    }

    private void write(PendingBatch pending) {
        PostgresSinkException failed = failure.get();
        if (failed != null) {
            metrics.failed();
            pending.fail(failed);
            return;
        }
        metrics.writing(true);
        try {
            pending.complete(writer.write(pending.batch()));
        } catch (InterruptedException e) {
            metrics.failed();
            pending.fail(new PostgresSinkException("the Postgres sink closed while retrying batch " + describe(pending.batch()), e));
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            PostgresSinkException error = new PostgresSinkException(
                    "Postgres sink failed on batch " + describe(pending.batch()) + ": " + StepFailedException.describe(e), e);
            failure.compareAndSet(null, error);
            log.error("{}", error.getMessage());
            metrics.failed();
            pending.fail(failure.get());
        } finally {
            metrics.writing(false);
        }
    }

    private static String describe(Batch batch) {
        return batch.topic() + "/" + batch.partition() + " at offset " + batch.offset() + " (" + batch.changes().size() + " changes)";
    }
}
