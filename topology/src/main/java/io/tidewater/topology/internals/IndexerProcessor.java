package io.tidewater.topology.internals;

import io.tidewater.serdes.ChainKeys;
import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.MalformedRecordException;
import io.tidewater.serdes.store.PriorValue;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.Handler;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import io.tidewater.topology.internals.ReorgDetector.Verdict;
import io.tidewater.topology.internals.faults.FaultPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies input records of one partition to the entity state: decodes, judges each record
 * against its chain (duplicate, reorg, deep reorg) and has {@link ChainTracker} carry the verdict
 * out, runs the handler, and applies its changes to the entity store and the dirty set. Bad
 * records go to the dead-letter topic.
 *
 * <p>Threading contract: one instance per task, used only by that task's stream thread, which
 * alone touches the stores. The sink is reached only through {@link BatchCoordinator}.
 */
final class IndexerProcessor extends ContextualProcessor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerProcessor.class);

    private final TidewaterConfig config;
    private final TopologyPorts ports;
    private final EventRouter router;
    private final List<EntityDefinition<?>> entities;
    private final DeadLetters deadLetters = new DeadLetters();

    private InputCodec codec;
    private ReorgDetector detector;
    private EntityCatalog catalog;
    private EntityStore store;
    private DirtySet dirty;
    private ChainTracker chains;
    private BatchCoordinator batches;
    private IndexerListener listener;
    /** Input offset of the record being processed; between records, of the last one consumed. */
    private long offset = -1;
    /**
     * Set while a record is applied, and left set if it threw part-way (a send through a fenced
     * producer, say): its changes may then be in the stores and the dirty set, its chain position
     * not.
     */
    private boolean applying;

    IndexerProcessor(TidewaterConfig config, TopologyPorts ports, Handlers handlers,
            List<EntityDefinition<?>> entities) {
        this.config = config;
        this.ports = ports;
        this.router = new EventRouter(handlers);
        this.entities = entities;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        super.init(context);
        listener = ports.listener();
        codec = new InputCodec(config.inputFormat(), config.inputChainId());
        detector = new ReorgDetector(config.reorgThreshold());
        catalog = new EntityCatalog(entities);
        store = new EntityStore(context.getStateStore(StoreNames.ENTITIES), context.getStateStore(StoreNames.INDEX), catalog);
        UndoLog undo = new UndoLog(StagingStore.of(context.getStateStore(StoreNames.UNDO)));
        chains = new ChainTracker(new ChainStates(StagingStore.of(context.getStateStore(StoreNames.CHAINS))),
                new BlockHashes(context.getStateStore(StoreNames.HASHES)), undo, config.reorgThreshold());
        dirty = new DirtySet(context.getStateStore(StoreNames.DIRTY), undo, chains.writtenOffset());
        int partition = context.taskId().partition();
        batches = new BatchCoordinator(config.inputTopic(), partition, context.taskId().toString(), ports.sink(),
                ports.flowControl(), listener, dirty, store, catalog, chains);
        listener.dirtyEntities(partition, dirty.size());
        context.schedule(Duration.ofMillis(config.batchIntervalMs()), PunctuationType.WALL_CLOCK_TIME, now -> onInterval());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        batches.drain();
        applying = true;
        apply(record);
        applying = false;
        batches.afterRecord(chains.processedOffset(), config.batchSizeTrigger(), config.capacityTarget());
    }

    private void apply(Record<String, byte[]> record) {
        RecordMetadata meta = context().recordMetadata().orElseThrow();
        offset = meta.offset();
        listener.recordConsumed(meta.partition(), offset);
        InputRecord input;
        try {
            input = codec.decode(record.value());
        } catch (MalformedRecordException e) {
            deadLetter(DeadLetters.MALFORMED, e.getMessage(), e, record, null, null, null);
            return;
        }
        Object body = input.getBody();
        long chainId = ChainKeys.chainId(input);
        if (record.key() != null && !record.key().equals(ChainKeys.key(chainId))) {
            deadLetter(DeadLetters.KEY_MISMATCH, "record key '" + abbreviate(record.key()) + "' is not its chainId " + chainId,
                    null, record, chainId, null, null);
            return;
        }
        if (body instanceof LogEvent log) {
            onLog(log, record);
        } else if (body instanceof BlockHeader block) {
            onBlock(block);
        } else {
            onReorg((ReorgNotice) body);
        }
    }

    private void onLog(LogEvent log, Record<String, byte[]> record) {
        long chainId = log.getChainId();
        if (!settle(chainId, judge(() -> detector.forLog(chains.position(chainId), log.getBlockNumber(), log.getLogIndex(),
                log.getBlockHash(), b -> chains.hash(chainId, b))))) {
            return;
        }
        List<PriorValue> priors = List.of();
        EventRouter.Route route = router.route(log);
        if (route instanceof EventRouter.Handled h) {
            priors = handle(log, h, record);
        } else if (route instanceof EventRouter.Undecodable u) {
            deadLetter(DeadLetters.UNDECODABLE, u.signature() + ": " + u.reason(), new UndecodableLogException(u.signature(), u.reason()),
                    record, chainId, log.getBlockNumber(), log.getLogIndex());
        } else {
            listener.unhandledEvent(chainId, ((EventRouter.Unhandled) route).event());
        }
        // The log's position counts as applied even when its handler failed: it was dead-lettered, not lost.
        if (chains.logApplied(log, offset, priors)) {
            listener.chainAdvanced(chainId, log.getBlockNumber());
        }
    }

    /** Runs the log's handler and applies its changes; returns the values they replaced, none if it was dead-lettered. */
    private List<PriorValue> handle(LogEvent log, EventRouter.Handled route, Record<String, byte[]> record) {
        Long timestamp = chains.blockTimestamp(log);
        if (timestamp == null) {
            deadLetter(DeadLetters.MALFORMED, "field 'blockTimestamp': unknown, and no block record for block "
                    + log.getBlockNumber() + " came before the log to give it", null, record, log.getChainId(),
                    log.getBlockNumber(), log.getLogIndex());
            return List.of();
        }
        RecordScope scope = new RecordScope(catalog, store, log, route.event(), timestamp);
        Optional<Exception> failure = runHandler(route.handler(), scope);
        if (failure.isPresent()) {
            Exception e = failure.get();
            String category = e instanceof MalformedRecordException ? DeadLetters.MALFORMED : DeadLetters.HANDLER_FAILED;
            String reason = (e instanceof MalformedRecordException ? "" : "handler for " + route.event().name() + " failed: ")
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            deadLetter(category, reason, e, record, log.getChainId(), log.getBlockNumber(), log.getLogIndex());
            return List.of();
        }
        List<RecordScope.Touched> changes = scope.changes();
        List<PriorValue> priors = new ArrayList<>(changes.size());
        for (RecordScope.Touched t : changes) {
            priors.add(UndoLog.prior(t.key, t.before));
            store.write(t.key, t.def, t.before, t.after);
            dirty.changed(t.key, offset, t.before);
        }
        listener.logApplied(log.getChainId(), route.event().name());
        return priors;
    }

    private void onBlock(BlockHeader block) {
        long chainId = block.getChainId();
        if (!settle(chainId, judge(() -> detector.forBlock(chains.position(chainId), block.getNumber(), block.getHash(),
                block.getParentHash(), b -> chains.hash(chainId, b))))) {
            return;
        }
        if (chains.blockApplied(block, offset)) {
            listener.chainAdvanced(chainId, block.getNumber());
        }
    }

    private void onReorg(ReorgNotice reorg) {
        Verdict verdict = judge(() -> detector.forReorg(chains.position(reorg.getChainId()), reorg.getLastValidBlock()));
        if (verdict.rollsBack()) {
            rollback(reorg.getChainId(), verdict.rollbackTo());
        }
    }

    /** Carries out a verdict's rollback; false when the record is a duplicate to skip. */
    private boolean settle(long chainId, Verdict verdict) {
        if (verdict.action() == ReorgDetector.Action.SKIP_DUPLICATE) {
            listener.duplicateSkipped(chainId);
            return false;
        }
        if (verdict.rollsBack()) {
            rollback(chainId, verdict.rollbackTo());
        }
        return true;
    }

    /** A deep reorg stops the task, but only after everything before it is written. */
    private Verdict judge(java.util.function.Supplier<Verdict> decision) {
        try {
            return decision.get();
        } catch (DeepReorgException e) {
            LOG.error("{} Writing what was processed before it, then stopping.", e.getMessage());
            batches.flush(chains.processedOffset(), Duration.ofMillis(config.shutdownFlushTimeoutMs()));
            // Judged before any of its changes: the record stops the task whole, with all before it written.
            applying = false;
            throw e;
        }
    }

    private void rollback(long chainId, long toBlock) {
        long fromHead = chains.position(chainId).head();
        int restored = chains.rollback(chainId, toBlock, offset, (key, previous) -> {
            EntityDefinition<?> def = catalog.named(Keys.entityName(key));
            store.write(key, def, store.read(key), previous);
            dirty.restored(key, offset);
            config.faults().hit(FaultPoint.MID_ROLLBACK);
        });
        if (config.batchCutOnRollback()) {
            batches.requestCut();
        }
        listener.rolledBack(chainId, fromHead, toBlock, restored);
        LOG.atLevel(RollbackLogLevel.of(fromHead - toBlock, restored, config.reorgThreshold())).log(
                "chain {}: rolled back from block {} to {}, {} changes undone", chainId, fromHead, toBlock, restored);
    }

    private static Optional<Exception> runHandler(Handler handler, RecordScope scope) {
        try {
            handler.handle(scope);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(e);
        }
    }

    private void onInterval() {
        batches.drain();
        chains.prune();
        batches.cutIfIdle(chains.processedOffset());
        listener.progress(new TaskProgress(context().taskId().partition(), offset, chains.processedOffset(),
                batches.writtenOffset(), dirty.size(), batches.writing()));
    }

    private void deadLetter(String category, String reason, Exception cause, Record<String, byte[]> record,
            Long chainId, Long block, Long logIndex) {
        RecordMetadata meta = context().recordMetadata().orElseThrow();
        byte[] value = deadLetters.value(category, reason, cause,
                new DeadLetters.Origin(meta.topic(), meta.partition(), meta.offset(), chainId, block, logIndex), record.value());
        context().forward(new Record<>(record.key(), value, record.timestamp()), StoreNames.DEAD_LETTER_SINK);
        listener.deadLettered(category);
        LOG.warn("dead-lettered {} record at {}-{}@{}: {}", category, meta.topic(), meta.partition(), meta.offset(), reason);
    }

    /**
     * Flushes on close. A failure is reported, not thrown: the unwritten changes stay in the
     * dirty set, which is durable, so the stores close cleanly and a restart writes them.
     *
     * <p>Not after a record that threw part-way: a batch would write half of it, and its changes,
     * made after the processed offset, are ones no cut can clear. Kafka closes such a task dirty,
     * which under exactly-once wipes its stores; the restore brings back the last commit's dirty
     * set for the next owner to write.
     */
    @Override
    public void close() {
        try {
            if (applying) {
                unflushed(new IllegalStateException("task " + context().taskId() + ": the record at offset " + offset
                        + " failed part-way; nothing was flushed on close"));
            } else {
                batches.flush(chains.processedOffset(), Duration.ofMillis(config.shutdownFlushTimeoutMs()));
            }
        } catch (RuntimeException e) {
            unflushed(e);
        } finally {
            ports.flowControl().release(context().taskId().toString());
        }
    }

    private void unflushed(RuntimeException cause) {
        LOG.error("task {}: {} unwritten entities were not flushed on close; they will be written after a restart: {}",
                context().taskId(), dirty.size(), cause.getMessage());
        listener.flushFailed(context().taskId().partition(), dirty.size(), cause);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
