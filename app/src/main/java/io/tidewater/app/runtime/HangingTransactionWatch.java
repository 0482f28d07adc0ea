package io.tidewater.app.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a transaction left open on a changelog partition that this instance restores, when no
 * transaction coordinator will ever end it (a "hanging" transaction, KIP-664).
 *
 * <p>Under exactly-once, Kafka Streams restores a store up to the changelog's end offset as the
 * restore began (the high watermark, read uncommitted) with a {@code read_committed} consumer, which
 * reads no further than the partition's last stable offset (LSO). An open transaction holds the LSO
 * at its first record until its coordinator writes the commit or abort marker, which it does within
 * the transaction timeout. A transaction whose partition its coordinator does not know (the brokers
 * lost track of it while partition leaders and coordinators were killed and restarted) is never
 * ended: the restore stops at the LSO, the task never runs and the client stays
 * {@code REBALANCING}; a restart restores again and stops at the same place.
 *
 * <p>So, every {@link #CHECK_INTERVAL} while changelog partitions are restoring, this compares each
 * one's LSO with the end offset its restore waits for. Below it, the open transaction that starts at
 * the LSO ({@link Admin#describeProducers}) is a candidate, and it is aborted (what
 * {@code kafka-transactions.sh abort} does: an abort marker written by the partition leader) only if
 * <ul>
 *   <li>the same producer id, epoch and first offset held the LSO at every check that answered, for at least
 *       {@code abortAfter}, far longer than any transaction of this application may stay open, and
 *   <li>asked now, no coordinator lists that partition in a transaction still in progress
 *       ({@link Admin#listTransactions} filtered by the producer id, {@link Admin#describeTransactions}).
 * </ul>
 * Whatever fails or cannot be asked, nothing is aborted; the next check asks again. Nothing of such a
 * transaction can be committed, since a coordinator writes markers only to the partitions it knows;
 * the abort only lets the readers past it.
 *
 * <p>Threading: the restore listener methods run on Kafka Streams' threads and only touch a
 * concurrent map; {@link #check()} runs on the watch's own thread (or a test's).
 */
final class HangingTransactionWatch implements StateRestoreListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionWatch.class);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    /** The least a transaction must have held a restore before it is aborted, whatever the transaction timeout. */
    static final Duration MIN_ABORT_AFTER = Duration.ofMinutes(2);
    private static final long ASK_TIMEOUT_MS = 15_000;
    private static final Set<TransactionState> IN_PROGRESS = Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    /** One open transaction on one partition, as the partition leader reports it. */
    private record OpenTransaction(TopicPartition partition, long producerId, short producerEpoch, long firstOffset) {
    }

    private final Admin admin;
    private final long abortAfterNanos;
    private final LongSupplier nanoClock;
    /** Changelog partitions being restored now, with the end offset each restore waits for. */
    private final Map<TopicPartition, Long> restoring = new ConcurrentHashMap<>();
    /** Candidates, with when each was first seen holding its partition's LSO; only the checking thread touches it. */
    private final Map<OpenTransaction, Long> firstSeen = new HashMap<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param abortAfter how long an open transaction must hold a restore, unchanged, before it is
     *     looked at as hanging; see {@link #abortAfter(long)}
     */
    HangingTransactionWatch(Admin admin, Duration abortAfter, LongSupplier nanoClock) {
        this.admin = admin;
        this.abortAfterNanos = abortAfter.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The wait before an abort for producers with this transaction timeout: five timeouts, and at least {@link #MIN_ABORT_AFTER}. */
    static Duration abortAfter(long transactionTimeoutMs) {
        Duration fiveTimeouts = Duration.ofMillis(transactionTimeoutMs).multipliedBy(5);
        return fiveTimeouts.compareTo(MIN_ABORT_AFTER) > 0 ? fiveTimeouts : MIN_ABORT_AFTER;
    }

    /** Checks every {@code interval} on a daemon thread of its own, until closed. */
    synchronized HangingTransactionWatch start(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidewater-hanging-transaction-watch");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.put(partition, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.debug("could not look for hanging transactions on the restoring changelogs this time: {}", e.toString());
        }
    }

    /**
     * One check: finds the open transactions holding a restore back, and aborts those that have
     * done so for {@code abortAfter} and that no coordinator is ending.
     *
     * @return the transactions it aborted, as "partition producer id/epoch at offset"
     */
    List<String> check() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> waitingFor = Map.copyOf(restoring);
        Set<OpenTransaction> holding = waitingFor.isEmpty() ? Set.of() : holdingBack(waitingFor);
        long now = nanoClock.getAsLong();
        firstSeen.keySet().retainAll(holding);
        List<String> aborted = new ArrayList<>();
        for (OpenTransaction open : holding) {
            long since = firstSeen.computeIfAbsent(open, o -> now);
            if (now - since >= abortAfterNanos && !inProgressAtItsCoordinator(open) && abort(open, waitingFor.get(open.partition()),
                    Duration.ofNanos(now - since))) {
                firstSeen.remove(open);
                aborted.add(open.partition() + " " + open.producerId() + "/" + open.producerEpoch() + " at " + open.firstOffset());
            }
        }
        return aborted;
    }

    /** The open transactions that start at the LSO of a partition whose restore waits for a later offset. */
    private Set<OpenTransaction> holdingBack(Map<TopicPartition, Long> waitingFor)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = waitingFor.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> stable = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> stable.put(tp, info.offset()));
        Set<TopicPartition> behind = new HashSet<>();
        stable.forEach((tp, lso) -> {
            if (lso < waitingFor.get(tp)) {
                behind.add(tp);
            }
        });
        Set<OpenTransaction> holding = new HashSet<>();
        if (behind.isEmpty()) {
            return holding;
        }
        admin.describeProducers(behind).all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS).forEach((tp, producers) -> {
            for (ProducerState p : producers.activeProducers()) {
                if (p.currentTransactionStartOffset().orElse(-1) == stable.get(tp)) {
                    holding.add(new OpenTransaction(tp, p.producerId(), (short) p.producerEpoch(), stable.get(tp)));
                }
            }
        });
        return holding;
    }

    /** Whether some coordinator still has the partition in a transaction of that producer id that it is going to end. */
    private boolean inProgressAtItsCoordinator(OpenTransaction open) throws InterruptedException, ExecutionException, TimeoutException {
        Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions()
                .filterProducerIds(Set.of(open.producerId()))).all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (listings.isEmpty()) {
            return false;
        }
        Set<String> ids = listings.stream().map(TransactionListing::transactionalId).collect(Collectors.toSet());
        Map<String, TransactionDescription> described = admin.describeTransactions(ids).all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (TransactionDescription d : described.values()) {
            if (IN_PROGRESS.contains(d.state()) && d.topicPartitions().contains(open.partition())) {
                LOG.info("the transaction of producer {} holding the restore of {} at offset {} is still in progress at its coordinator ({}); "
                        + "waiting for it", open.producerId(), open.partition(), open.firstOffset(), d.state());
                return true;
            }
        }
        return false;
    }

    private boolean abort(OpenTransaction open, Long restoreEnd, Duration held) throws InterruptedException, TimeoutException {
        ProducerState state = currentState(open);
        if (state == null) {
            return false;
        }
        LOG.warn("changelog partition {}: the transaction of producer {} (epoch {}) open since offset {} has held its last stable offset "
                + "for {} s, below the offset {} the restore waits for, and no coordinator is ending it (a hanging transaction); "
                + "aborting it so that the restore can finish", open.partition(), open.producerId(), open.producerEpoch(),
                open.firstOffset(), held.toSeconds(), restoreEnd);
        try {
            admin.abortTransaction(new AbortTransactionSpec(open.partition(), open.producerId(), open.producerEpoch(),
                    state.coordinatorEpoch().orElse(0))).all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            LOG.warn("could not abort the hanging transaction of producer {} on {}: {}; trying again at the next check", open.producerId(),
                    open.partition(), IndexerRuntime.describe(e));
            return false;
        }
    }

    /** The producer's state on the partition now, if it still holds the same transaction open. */
    private ProducerState currentState(OpenTransaction open) throws InterruptedException, TimeoutException {
        try {
            for (ProducerState p : admin.describeProducers(List.of(open.partition())).partitionResult(open.partition())
                    .get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS).activeProducers()) {
                if (p.producerId() == open.producerId() && p.producerEpoch() == open.producerEpoch()
                        && p.currentTransactionStartOffset().orElse(-1) == open.firstOffset()) {
                    return p;
                }
            }
        } catch (ExecutionException e) {
            LOG.debug("could not describe the producers of {}: {}", open.partition(), e.toString());
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
