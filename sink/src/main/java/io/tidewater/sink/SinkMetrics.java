package io.tidewater.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.ChainCheckpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The sink's meters. Gauges read values held here, strongly referenced, because Micrometer only
 * holds its gauges' objects weakly.
 */
public final class SinkMetrics {
    public static final String WRITE_DURATION = "tidewater.sink.write.duration";
    public static final String WRITE_DURATION_DESCRIPTION = "Time to write one batch, retries included, by outcome (written, skipped)";
    public static final String ROWS = "tidewater.sink.rows";
    public static final String ROWS_DESCRIPTION = "Entity changes committed, by entity and operation (upsert, delete)";
    public static final String BATCH_SIZE = "tidewater.sink.batch.size";
    public static final String BATCH_SIZE_DESCRIPTION = "Entity changes per batch, as submitted";
    public static final String IN_FLIGHT = "tidewater.sink.writes.in.flight";
    public static final String IN_FLIGHT_DESCRIPTION = "Batches being written now (0 or 1: one writer thread)";
    public static final String QUEUED = "tidewater.sink.batches.queued";
    public static final String QUEUED_DESCRIPTION = "Batches submitted and waiting for the writer";
    public static final String WRITTEN_OFFSET = "tidewater.sink.written.offset";
    public static final String WRITTEN_OFFSET_DESCRIPTION = "Input offset of the last batch committed, by topic and partition";
    public static final String WRITTEN_BLOCK = "tidewater.sink.written.block";
    public static final String WRITTEN_BLOCK_DESCRIPTION = "Head block of the last batch committed, by chain";
    public static final String RETRIES = "tidewater.sink.retries";
    public static final String RETRIES_DESCRIPTION = "Attempts retried after a transient failure, by cause (SQLSTATE class or pool-timeout)";
    public static final String SKIPPED = "tidewater.sink.batches.skipped";
    public static final String SKIPPED_DESCRIPTION = "Batches not written because stored progress was already at or past their offset";
    public static final String FAILED = "tidewater.sink.batches.failed";
    public static final String FAILED_DESCRIPTION = "Batches failed permanently, or left unwritten at close";

    public static final String OUTCOME = "outcome";
    public static final String ENTITY = "entity";
    public static final String OPERATION = "operation";
    public static final String CAUSE = "cause";

    private final MeterRegistry registry;
    private final Timer written;
    private final Timer skippedDuration;
    private final DistributionSummary batchSize;
    private final Counter skipped;
    private final Counter failed;
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, AtomicLong> offsets = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> blocks = new ConcurrentHashMap<>();

    SinkMetrics(MeterRegistry registry, Supplier<Number> queued) {
        this.registry = registry;
        this.written = Timer.builder(WRITE_DURATION).description(WRITE_DURATION_DESCRIPTION).tag(OUTCOME, "written").register(registry);
        this.skippedDuration = Timer.builder(WRITE_DURATION).description(WRITE_DURATION_DESCRIPTION).tag(OUTCOME, "skipped")
                .register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE).description(BATCH_SIZE_DESCRIPTION).baseUnit("entities")
                .register(registry);
        this.skipped = Counter.builder(SKIPPED).description(SKIPPED_DESCRIPTION).register(registry);
        this.failed = Counter.builder(FAILED).description(FAILED_DESCRIPTION).register(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicLong::get).description(IN_FLIGHT_DESCRIPTION).register(registry);
        Gauge.builder(QUEUED, queued).description(QUEUED_DESCRIPTION).register(registry);
    }

    void submitted(Batch batch) {
        batchSize.record(batch.changes().size());
    }

    void writing(boolean busy) {
        inFlight.set(busy ? 1 : 0);
    }

    void written(Batch batch, Iterable<TableChanges> tables, long nanos) {
        written.record(nanos, TimeUnit.NANOSECONDS);
        for (TableChanges t : tables) {
            rows(t.writer().table().entity(), "insert").increment(t.inserts());
            rows(t.writer().table().entity(), "upsert").increment(t.upserts());
            rows(t.writer().table().entity(), "delete").increment(t.deletes().size());
        }
        offsets.computeIfAbsent(batch.topic() + "\u0000" + batch.partition(), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(WRITTEN_OFFSET, value, AtomicLong::get).description(WRITTEN_OFFSET_DESCRIPTION)
                    .tags(Tags.of("topic", batch.topic(), "partition", Integer.toString(batch.partition()))).register(registry);
            return value;
        }).set(batch.offset());
        for (ChainCheckpoint chain : batch.chains().values()) {
            blocks.computeIfAbsent(chain.chainId(), k -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder(WRITTEN_BLOCK, value, AtomicLong::get).description(WRITTEN_BLOCK_DESCRIPTION)
                        .tag("chain", Long.toString(k)).register(registry);
                return value;
            }).set(chain.block());
        }
    }

    void skipped(long nanos) {
        skippedDuration.record(nanos, TimeUnit.NANOSECONDS);
        skipped.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried(String cause) {
        Counter.builder(RETRIES).description(RETRIES_DESCRIPTION).tag(CAUSE, cause).register(registry).increment();
    }

    private Counter rows(String entity, String operation) {
        return Counter.builder(ROWS).description(ROWS_DESCRIPTION).tags(ENTITY, entity, OPERATION, operation).register(registry);
    }
}
