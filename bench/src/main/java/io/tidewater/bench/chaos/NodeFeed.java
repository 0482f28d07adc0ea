package io.tidewater.bench.chaos;

import io.tidewater.examples.erc20.reference.Erc20Reference;
import io.tidewater.examples.erc20.sim.SimTransfer;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.SimulatedChain;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A chain on a fake JSON-RPC node that grows (and now and then reorganizes a few blocks) while a
 * fault strikes, so that a {@code tidewater ingest --follow} process is producing when the
 * brokers fail. Its canonical Transfers are part of what the tables must equal.
 *
 * <p>Threading: the owning thread starts and stops the miner; mining runs on its own scheduler
 * thread; {@link SimulatedChain} is thread-safe, so the node serves while it grows.
 */
final class NodeFeed implements AutoCloseable {
    /** Not a chain of the workload (1, 10, 100, 1000) nor the poison chain (999). */
    static final long CHAIN_ID = 7;
    private static final long BLOCK_INTERVAL_MS = 150;
    /** Well within the ingester's and the indexer's reorg threshold (200). */
    private static final int MAX_REORG_DEPTH = 4;

    private final SimulatedChain chain;
    private final FakeJsonRpcNode node;
    private final SplittableRandom random;
    private final ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-node-miner");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> mining;
    private long reorgs;

    NodeFeed(long seed) {
        chain = new SimulatedChain(CHAIN_ID, seed, SimulatedChain.Options.defaults());
        chain.mine(20);
        node = FakeJsonRpcNode.start(chain);
        random = new SplittableRandom(seed * 17 + 3);
    }

    String url() {
        return node.url();
    }

    /** The arguments of the {@code tidewater ingest} that follows this node into {@code bootstrapServers}. */
    List<String> ingestArguments(String bootstrapServers, String topic) {
        return List.of("ingest", "--rpc-url", url(), "--bootstrap-servers", bootstrapServers, "--topic", topic, "--format", "json",
                "--chain-id", Long.toString(CHAIN_ID), "--follow", "--http-port", "-1");
    }

    /** Mines a block every {@value #BLOCK_INTERVAL_MS} ms; about one in 40 is a reorg of 1 to 4 blocks instead. */
    synchronized void startMining() {
        if (mining == null) {
            mining = miner.scheduleWithFixedDelay(this::mineOne, 0, BLOCK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops mining and returns once no block is being mined. */
    synchronized void stopMining() throws InterruptedException {
        if (mining != null) {
            mining.cancel(false);
            mining = null;
            // A task scheduled after the cancelled one, run only once the miner is idle.
            try {
                miner.submit(() -> { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the miner did not stop", e);
            }
        }
    }

    private void mineOne() {
        long head = chain.head();
        if (head > 2 * MAX_REORG_DEPTH && random.nextInt(40) == 0) {
            chain.reorg(1 + random.nextInt(MAX_REORG_DEPTH));
            reorgs++;
        } else {
            chain.mine(1);
        }
    }

    SimulatedChain chain() {
        return chain;
    }

    long head() {
        return chain.head();
    }

    long reorgs() {
        return reorgs;
    }

    /** The ERC20 tables that the node's canonical chain implies. */
    Map<String, TreeMap<String, Map<String, Object>>> expectedTables() {
        List<SimTransfer> transfers = chain.canonicalLogs().stream()
                .filter(l -> l.topics().get(0).equals(SimulatedChain.TRANSFER_TOPIC))
                .map(l -> new SimTransfer(chain.chainId(), l.blockNumber(), l.blockHash(),
                        chain.block(l.blockNumber()).orElseThrow().timestamp(), l.logIndex(), l.txHash(), l.address(), l.from(), l.to(),
                        l.value()))
                .toList();
        return Erc20Reference.tables(transfers);
    }

    /** Both sets of tables in one: their ids never meet, since every id starts with its chain. */
    static Map<String, TreeMap<String, Map<String, Object>>> union(Map<String, TreeMap<String, Map<String, Object>>> a,
            Map<String, TreeMap<String, Map<String, Object>>> b) {
        Map<String, TreeMap<String, Map<String, Object>>> out = new TreeMap<>();
        a.forEach((table, rows) -> out.computeIfAbsent(table, t -> new TreeMap<>()).putAll(rows));
        b.forEach((table, rows) -> out.computeIfAbsent(table, t -> new TreeMap<>()).putAll(rows));
        return out;
    }

    @Override
    public void close() {
        miner.shutdownNow();
        node.close();
    }
}
