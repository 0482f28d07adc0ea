package io.tidewater.app.ingest;

import static io.tidewater.app.ingest.IngestFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.ingest.IngestMetrics;
import io.tidewater.ingest.Ingester;
import io.tidewater.ingest.chain.DeepForkException;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.NodeFault;
import io.tidewater.testkit.node.SimulatedChain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ingester against the fake node, through a real in-process broker: what lands on the topic,
 * read back and replayed plainly, is the node's canonical chain; in block order, headers first.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestFromFakeNodeTest {
    private final AtomicInteger topics = new AtomicInteger();
    private EmbeddedKafka kafka;

    @BeforeAll
    void startKafka() {
        kafka = new EmbeddedKafka().start();
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    private String topic() {
        return "ingest-" + topics.incrementAndGet();
    }

    private static SimulatedChain chain(long seed, int blocks) {
        SimulatedChain chain = new SimulatedChain(1, seed, SimulatedChain.Options.defaults());
        chain.mine(blocks);
        return chain;
    }

    private ProducedChain produced(String topic) {
        return ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), topic, InputFormat.AVRO));
    }

    @Test
    void backfillProducesTheCanonicalChainInBlockOrderHeadersFirst() throws Exception {
        SimulatedChain chain = chain(7, 600);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestMetrics metrics = IngestFixture.metrics();
            Ingester.Outcome outcome = IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic,
                    IngestConfig.TO_BLOCK_CONFIG, 600L, IngestConfig.CHAIN_ID_CONFIG, 1L), metrics);

            assertThat(outcome.producedBlock()).isEqualTo(600);
            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
            assertThat(produced.duplicateLogs()).isZero();
            assertThat(produced.reorgs()).isEmpty();
            assertThat(metrics.logs()).isEqualTo(chain.canonicalLogs().size());
            // The last reorg.threshold blocks below the head are fetched densely; below, only blocks with logs and range ends.
            assertThat(produced.hashes().tailMap(600L - 200, false)).hasSize(200);
            assertThat(node.calls("eth_getLogs")).isGreaterThan(600 / 200);
        }
    }

    @Test
    void everyInjectedFaultEndsInTheSameChain() throws Exception {
        SimulatedChain chain = chain(11, 400);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            node.faults()
                    .failNext(2, NodeFault.RATE_LIMITED)
                    .failNext(2, NodeFault.UNAVAILABLE)
                    .failNext(2, NodeFault.DROPPED_CONNECTION)
                    .failNext(2, NodeFault.TIMEOUT)
                    .failNext(2, NodeFault.BEHIND)
                    .failNext(2, NodeFault.LIMIT_EXCEEDED)
                    .failEvery(5, NodeFault.RATE_LIMITED, 20)
                    .timeoutDelayMillis(1_500)
                    .maxBlockRange(30)
                    .maxResults(25);
            IngestMetrics metrics = IngestFixture.metrics();
            IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic, IngestConfig.TO_BLOCK_CONFIG, 400L), metrics);

            assertThat(node.faults().exhausted()).isTrue();
            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
            assertThat(produced.duplicateLogs()).isZero();
            assertThat(metrics.retries()).isGreaterThanOrEqualTo(node.faults().injected());
        }
    }

    @Test
    void aForkWhileFollowingIsWalkedBackAndTheNewBranchProduced() throws Exception {
        SimulatedChain chain = chain(13, 120);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.Follower follower = new IngestFixture.Follower(settings(node.url(), kafka.bootstrapServers(), topic));
            follower.await(() -> follower.metrics.producedBlock() == 120, "the backfill");
            chain.mine(5);
            follower.await(() -> follower.metrics.producedBlock() == 125, "five new blocks");
            chain.reorg(6);
            chain.mine(2);
            follower.await(() -> follower.metrics.reorgs() == 1 && follower.metrics.producedBlock() == 127, "the new branch");
            follower.stop();

            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.reorgs()).containsExactly(119L);
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
        }
    }

    /**
     * The node reorganizes again, deeper, while the follower walks the first fork back: the branch
     * being walked disappears, and the node no longer serves its blocks by hash. (Found by the
     * chaos harness: the follower asked for such a block again and again and never produced
     * another block.) The walk starts again from the head and the newest branch is produced.
     */
    @Test
    void aBranchTheNodeAbandonsDuringTheWalkBackIsLeftForTheNewHead() throws Exception {
        SimulatedChain chain = chain(19, 60);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.Follower follower = new IngestFixture.Follower(settings(node.url(), kafka.bootstrapServers(), topic));
            follower.await(() -> follower.metrics.producedBlock() == 60, "the backfill");
            node.afterNext("eth_getBlockByHash", () -> chain.reorg(8));
            chain.reorg(4);
            follower.await(() -> follower.metrics.reorgs() >= 1 && follower.metrics.producedBlock() == 60
                    && ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), topic, InputFormat.AVRO)).logs()
                            .equals(ProducedChain.canonical(chain)), "the newest branch");
            follower.stop();

            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.reorgs()).containsExactly(52L);
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
        }
    }

    @Test
    void aReorgKeepingTheHeightIsSeenAtTheHeadBeforeTheChainGrows() throws Exception {
        SimulatedChain chain = chain(17, 60);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.Follower follower = new IngestFixture.Follower(settings(node.url(), kafka.bootstrapServers(), topic));
            follower.await(() -> follower.metrics.producedBlock() == 60, "the backfill");
            chain.reorg(4);
            follower.await(() -> follower.metrics.reorgs() == 1 && follower.metrics.producedBlock() == 60, "the new branch");
            follower.stop();

            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.reorgs()).containsExactly(56L);
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
        }
    }

    @Test
    void aForkDeeperThanTheWindowStopsTheFollowerAndProducesNothingOfIt() throws Exception {
        SimulatedChain chain = chain(19, 80);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.Follower follower = new IngestFixture.Follower(settings(node.url(), kafka.bootstrapServers(), topic,
                    IngestConfig.REORG_THRESHOLD_CONFIG, 10));
            follower.await(() -> follower.metrics.producedBlock() == 80, "the backfill");
            chain.reorg(15);
            chain.mine(1);
            Throwable failure = follower.awaitFailure();
            assertThat(failure).isInstanceOf(DeepForkException.class).hasMessageContaining("chain 1");
            ProducedChain produced = produced(topic);
            assertThat(produced.reorgs()).isEmpty();
            assertThat(produced.highestBlock()).isEqualTo(80);
        }
    }

    @Test
    void aRestartGoesOnFromTheTopicResendingOnlyTheNewestBlock() throws Exception {
        SimulatedChain chain = chain(23, 500);
        String topic = topic();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic, IngestConfig.TO_BLOCK_CONFIG, 250L), IngestFixture.metrics());
            List<InputRecord> first = TopicRecords.read(kafka.bootstrapServers(), topic, InputFormat.AVRO);
            IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic, IngestConfig.TO_BLOCK_CONFIG, 500L,
                    IngestConfig.FROM_BLOCK_CONFIG, 0L), IngestFixture.metrics());

            ProducedChain produced = produced(topic);
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
            assertThat(produced.resentBlocks()).isEqualTo(1);
            assertThat(produced.duplicateLogs()).isEqualTo(chain.block(250).orElseThrow().logs().size());
            assertThat(first).isNotEmpty();
        }
    }

    @Test
    void aNodeOfAnotherChainIsRefused() {
        SimulatedChain chain = chain(29, 10);
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            assertThatThrownBy(() -> IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic(),
                    IngestConfig.CHAIN_ID_CONFIG, 5L), IngestFixture.metrics()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("chain.id is 5 but the node at the RPC URL serves chain 1");
        }
    }

    @Test
    void onlyTheChosenContractsAreProduced() throws Exception {
        SimulatedChain chain = chain(31, 200);
        String topic = topic();
        String token = chain.tokens().get(1);
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            IngestFixture.run(settings(node.url(), kafka.bootstrapServers(), topic, IngestConfig.TO_BLOCK_CONFIG, 200L,
                    IngestConfig.CONTRACTS_CONFIG, token, IngestConfig.TOPIC0S_CONFIG, SimulatedChain.TRANSFER_TOPIC),
                    IngestFixture.metrics());
            ProducedChain produced = produced(topic);
            assertThat(produced.logs()).isNotEmpty()
                    .isEqualTo(ProducedChain.canonical(chain).stream().filter(l -> l.address().equals(token)).toList());
            assertThat(Map.of("violations", produced.violations())).isEqualTo(Map.of("violations", List.of()));
        }
    }
}
