package io.tidewater.ingest.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.ingest.rpc.Hex;
import io.tidewater.ingest.rpc.JsonRpcClient;
import io.tidewater.ingest.rpc.Retrier;
import io.tidewater.ingest.rpc.RpcCall;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.ingest.rpc.RpcException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node as the ingester sees it: typed calls, retried until they succeed, except
 * {@link #logs}, whose failures its caller turns into smaller ranges. Headers go out as JSON-RPC
 * batches of at most {@code batchSize} calls.
 *
 * <p>Threading: safe for any number of threads.
 */
public final class NodeReader {
    private final JsonRpcClient client;
    private final Retrier retrier;
    private final int batchSize;

    public NodeReader(JsonRpcClient client, Retrier retrier, int batchSize) {
        this.client = client;
        this.retrier = retrier;
        this.batchSize = Math.max(1, batchSize);
    }

    public Retrier retrier() {
        return retrier;
    }

    public long chainId() throws InterruptedException {
        return retrier.call("eth_chainId", () -> Hex.toLong(client.call("eth_chainId").asText()));
    }

    /** The node's newest block. */
    public Header latest() throws InterruptedException {
        return retrier.call("eth_getBlockByNumber(latest)", () -> {
            JsonNode block = client.call("eth_getBlockByNumber", "latest", false);
            if (block == null || block.isNull()) {
                throw new RpcException(Kind.NODE_BEHIND, "eth_getBlockByNumber", "the node has no latest block", null);
            }
            return Header.of(block);
        });
    }

    /** The headers of {@code numbers}, ascending; waits while the node does not have all of them yet. */
    public TreeMap<Long, Header> headers(Collection<Long> numbers) throws InterruptedException {
        TreeMap<Long, Header> out = new TreeMap<>();
        List<Long> wanted = new ArrayList<>(new java.util.TreeSet<>(numbers));
        for (int i = 0; i < wanted.size(); i += batchSize) {
            List<Long> chunk = wanted.subList(i, Math.min(wanted.size(), i + batchSize));
            out.putAll(retrier.call("eth_getBlockByNumber x" + chunk.size(), () -> headerBatch(chunk)));
        }
        return out;
    }

    private Map<Long, Header> headerBatch(List<Long> numbers) {
        List<RpcCall> calls = new ArrayList<>(numbers.size());
        numbers.forEach(n -> calls.add(RpcCall.of("eth_getBlockByNumber", Hex.quantity(n), false)));
        List<JsonNode> results = client.batch(calls);
        Map<Long, Header> out = new TreeMap<>();
        for (int i = 0; i < numbers.size(); i++) {
            JsonNode block = results.get(i);
            if (block == null || block.isNull()) {
                throw new RpcException(Kind.NODE_BEHIND, "eth_getBlockByNumber", "the node does not have block " + numbers.get(i)
                        + " yet", null);
            }
            Header h = Header.of(block);
            if (h.number() != numbers.get(i)) {
                throw new RpcException(Kind.INCONSISTENT, "eth_getBlockByNumber", "asked for block " + numbers.get(i)
                        + ", got block " + h.number(), null);
            }
            out.put(h.number(), h);
        }
        return out;
    }

    /**
     * The block with this hash, for walking a new branch back to where it left ours; {@code null}
     * when the node does not know it. That is an answer, not a failure to retry: a node that
     * reorganized again meanwhile dropped the branch, and would never know the hash again.
     */
    public Header byHash(String hash) throws InterruptedException {
        return retrier.call("eth_getBlockByHash", () -> {
            JsonNode block = client.call("eth_getBlockByHash", hash, false);
            return block == null || block.isNull() ? null : Header.of(block);
        });
    }

    /** One attempt at the logs of blocks {@code from} to {@code to}; the caller handles failures. */
    public List<RawLog> logs(long from, long to, LogFilter filter) {
        JsonNode result = client.call("eth_getLogs", filter.toParam(from, to));
        List<RawLog> logs = new ArrayList<>(result.size());
        result.forEach(l -> logs.add(RawLog.of(l)));
        return logs;
    }
}
