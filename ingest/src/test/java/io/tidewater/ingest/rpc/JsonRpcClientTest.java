package io.tidewater.ingest.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.ingest.rpc.RpcException.Kind;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.NodeFault;
import io.tidewater.testkit.node.SimulatedChain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the fake node over real HTTP: batches, and each fault classified as the ingester needs. */
class JsonRpcClientTest {
    private SimulatedChain chain;
    private FakeJsonRpcNode node;
    private JsonRpcClient client;

    @BeforeEach
    void start() {
        chain = new SimulatedChain(5, 3, SimulatedChain.Options.defaults());
        chain.mine(20);
        node = FakeJsonRpcNode.start(chain);
        client = new JsonRpcClient(node.url(), Duration.ofMillis(500), 0, RpcObserver.NONE);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aBatchAnswersEachCallInOrder() {
        List<JsonNode> results = client.batch(List.of(RpcCall.of("eth_getBlockByNumber", "0x3", false), RpcCall.of("eth_chainId"),
                RpcCall.of("eth_getBlockByNumber", "0x1", false)));
        assertThat(results.get(0).get("hash").asText()).isEqualTo(chain.block(3).orElseThrow().hash());
        assertThat(Hex.toLong(results.get(1).asText())).isEqualTo(5);
        assertThat(results.get(2).get("parentHash").asText()).isEqualTo(chain.block(0).orElseThrow().hash());
        assertThat(node.calls("eth_getBlockByNumber")).isEqualTo(2);
    }

    @Test
    void everyFaultIsClassified() {
        node.faults().failNext(1, NodeFault.RATE_LIMITED).failNext(1, NodeFault.UNAVAILABLE).failNext(1, NodeFault.DROPPED_CONNECTION)
                .failNext(1, NodeFault.TIMEOUT).failNext(1, NodeFault.LIMIT_EXCEEDED).timeoutDelayMillis(1_000);
        for (Kind kind : List.of(Kind.RATE_LIMITED, Kind.SERVER_ERROR, Kind.CONNECTION, Kind.TIMEOUT, Kind.RATE_LIMITED)) {
            assertThatThrownBy(() -> client.call("eth_blockNumber")).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.kind()).isEqualTo(kind));
        }
        assertThat(Hex.toLong(client.call("eth_blockNumber").asText())).isEqualTo(20);
    }

    @Test
    void aMissingMethodIsFatal() {
        assertThatThrownBy(() -> client.call("trace_filter")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.FATAL_METHOD));
    }

    @Test
    void aRefusedConnectionIsRetriedButABadUrlIsNot() {
        node.close();
        assertThatThrownBy(() -> client.call("eth_chainId")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION));
        assertThatThrownBy(() -> new JsonRpcClient("ftp://node.example/key", Duration.ofSeconds(1), 0, RpcObserver.NONE))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FATAL_URL);
                    assertThat(e.getMessage()).doesNotContain("key");
                });
    }

    @Test
    void theUrlIsShownWithoutItsPath() {
        JsonRpcClient keyed = new JsonRpcClient("https://eth.example.org/v2/SECRETKEY", Duration.ofSeconds(1), 0, RpcObserver.NONE);
        assertThat(keyed.redactedUrl()).isEqualTo("https://eth.example.org/...");
    }
}
