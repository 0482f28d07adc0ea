package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.ingest.IngestMetrics;
import io.tidewater.ingest.Ingestion;
import io.tidewater.sink.PostgresSink;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.SimulatedChain;
import io.tidewater.topology.Subscriptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * (h) RPC to Postgres: what {@code tidewater index} runs, on the bench's broker and database. The
 * fake node serves a chain of ERC20 Transfers; the ingester fetches them (as many ranges in flight
 * and headers in batches as by default) while the indexer consumes the topic and writes Postgres.
 * Timed from the ingester's start to the Postgres commit that covers its last record.
 */
final class FromNode {
    private static final Duration LIMIT = Duration.ofMinutes(30);
    static final int LOGS_PER_BLOCK = 10;

    private FromNode() {
    }

    /** Events (Transfer logs) per second from the node into Postgres. */
    static double eventsPerSecond(BenchStack stack, int logs, String appId) throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 4242, new SimulatedChain.Options(20, 5_000, LOGS_PER_BLOCK, LOGS_PER_BLOCK,
                1_700_000_000L, 12));
        chain.mine(Math.max(1, logs / LOGS_PER_BLOCK));
        String topic = appId + ".input";
        stack.createTopic(topic);
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                PostgresSink pg = PostgresSink.open(stack.sinkConfig(appId.replace('-', '_')), new Erc20Indexer().entities(),
                        new SimpleMeterRegistry())) {
            CommitClock clock = new CommitClock(pg);
            try (IndexerRun run = new IndexerRun(stack, topic, appId, clock, Map.of())) {
                Map<String, Object> settings = new HashMap<>();
                settings.put(IngestConfig.RPC_URL_CONFIG, node.url());
                settings.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
                settings.put(IngestConfig.INPUT_TOPIC_CONFIG, topic);
                settings.put(IngestConfig.TO_BLOCK_CONFIG, chain.head());
                long start = System.nanoTime();
                Map<Integer, Long> ends;
                try (Ingestion ingestion = Ingestion.create(new IngestConfig(settings), Map.of(), new IngestMetrics(new SimpleMeterRegistry()),
                        Optional.of(Subscriptions.of(new Erc20Indexer())))) {
                    ingestion.run();
                    ingestion.close();
                    ends = ingestion.endOffsets();
                }
                run.awaitWritten(ends.get(0) - 1, LIMIT);
                return chain.canonicalLogs().size() / ((clock.lastCommitNanos() - start) / 1e9);
            }
        }
    }
}
