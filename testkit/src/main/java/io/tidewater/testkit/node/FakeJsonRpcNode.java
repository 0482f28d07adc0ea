package io.tidewater.testkit.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * An Ethereum JSON-RPC node on loopback HTTP that serves a {@link SimulatedChain}: the calls an
 * indexer's ingester makes ({@code eth_chainId}, {@code eth_blockNumber},
 * {@code eth_getBlockByNumber}, {@code eth_getBlockByHash}, {@code eth_getLogs}), single or in
 * batches, with the {@link NodeFaults} a test sets: rate limits, server errors, timeouts, dropped
 * connections, a lagging backend, and {@code eth_getLogs} range and result limits.
 *
 * <pre>{@code
 * SimulatedChain chain = new SimulatedChain(1, 42, SimulatedChain.Options.defaults());
 * chain.mine(1_000);
 * try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
 *     node.faults().failNext(3, NodeFault.RATE_LIMITED).maxBlockRange(100);
 *     // point the ingester at node.url()
 * }
 * }</pre>
 *
 * <p>Threading: requests are served on a small pool; the chain and the faults are thread-safe.
 */
public final class FakeJsonRpcNode implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimulatedChain chain;
    private final NodeFaults faults = new NodeFaults();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterNext = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;

    private FakeJsonRpcNode(SimulatedChain chain) throws IOException {
        this.chain = chain;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-json-rpc-node");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public static FakeJsonRpcNode start(SimulatedChain chain) {
        try {
            FakeJsonRpcNode node = new FakeJsonRpcNode(chain);
            node.server.start();
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake JSON-RPC node: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public SimulatedChain chain() {
        return chain;
    }

    public NodeFaults faults() {
        return faults;
    }

    /** Calls of {@code method} answered or failed so far (each call of a batch counts). */
    public long calls(String method) {
        LongAdder n = calls.get(method);
        return n == null ? 0 : n.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try {
                request = MAPPER.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                respond(exchange, 200, error(null, -32700, "parse error"));
                return;
            }
            Optional<NodeFault> fault = faults.onRequest();
            if (fault.isPresent() && fault.get() != NodeFault.BEHIND) {
                inject(exchange, fault.get(), request);
                return;
            }
            boolean behind = fault.isPresent();
            JsonNode response;
            if (request.isArray()) {
                ArrayNode out = MAPPER.createArrayNode();
                request.forEach(call -> out.add(answer(call, behind)));
                response = out;
            } else {
                response = answer(request, behind);
            }
            respond(exchange, 200, response);
        }
    }

    private void inject(HttpExchange exchange, NodeFault fault, JsonNode request) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> respondText(exchange, 429, "Too Many Requests");
            case UNAVAILABLE -> respondText(exchange, 503, "Service Unavailable");
            case LIMIT_EXCEEDED -> respond(exchange, 200, error(request.isArray() ? null : request.get("id"), -32005,
                    "limit exceeded: too many requests per second"));
            case TIMEOUT -> {
                try {
                    Thread.sleep(faults.timeoutDelay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                respondText(exchange, 503, "too late");
            }
            case DROPPED_CONNECTION -> {
                // Closing the exchange before any header is sent drops the connection.
            }
            default -> throw new IllegalStateException("unexpected fault " + fault);
        }
    }

    /**
     * Runs {@code action} once, right after the next call of {@code method} is answered and before
     * the answer is sent: a test stages a race, such as a reorg between a client's
     * {@code eth_getLogs} and its {@code eth_getBlockByNumber}.
     */
    public FakeJsonRpcNode afterNext(String method, Runnable action) {
        afterNext.put(method, action);
        return this;
    }

    private JsonNode answer(JsonNode call, boolean behind) {
        String method = call.path("method").asText();
        JsonNode answer = compute(call, method, behind);
        Runnable after = afterNext.remove(method);
        if (after != null) {
            after.run();
        }
        return answer;
    }

    private JsonNode compute(JsonNode call, String method, boolean behind) {
        JsonNode id = call.get("id");
        calls.computeIfAbsent(method, m -> new LongAdder()).increment();
        JsonNode params = call.path("params");
        try {
            return switch (method) {
                case "eth_chainId" -> result(id, quantity(chain.chainId()));
                case "net_version" -> result(id, MAPPER.getNodeFactory().textNode(Long.toString(chain.chainId())));
                case "eth_blockNumber" -> result(id, quantity(chain.head()));
                case "eth_getBlockByNumber" -> result(id, behind ? null : blockByTag(params.path(0).asText()).map(this::block).orElse(null));
                case "eth_getBlockByHash" -> result(id, chain.blockByHash(params.path(0).asText()).map(this::block).orElse(null));
                case "eth_getLogs" -> getLogs(id, params.path(0));
                default -> error(id, -32601, "the method " + method + " does not exist/is not available");
            };
        } catch (IllegalArgumentException e) {
            return error(id, -32602, "invalid argument: " + e.getMessage());
        }
    }

    private Optional<SimulatedChain.Block> blockByTag(String tag) {
        return switch (tag) {
            case "latest", "pending", "safe", "finalized" -> chain.block(chain.head());
            case "earliest" -> chain.block(0);
            default -> chain.block(parseQuantity(tag));
        };
    }

    private JsonNode getLogs(JsonNode id, JsonNode filter) {
        long head = chain.head();
        long from;
        long to;
        if (filter.has("blockHash")) {
            Optional<SimulatedChain.Block> b = chain.blockByHash(filter.get("blockHash").asText());
            if (b.isEmpty()) {
                return error(id, -32000, "unknown block");
            }
            from = b.get().number();
            to = from;
        } else {
            from = blockNumber(filter.path("fromBlock"), head);
            to = blockNumber(filter.path("toBlock"), head);
        }
        if (from > to) {
            return error(id, -32602, "invalid block range params");
        }
        if (to - from + 1 > faults.maxBlockRange()) {
            return error(id, -32005, "block range too large: maximum is " + faults.maxBlockRange() + " blocks");
        }
        List<SimulatedChain.Log> logs = chain.logs(from, to, strings(filter.path("address")), topic0s(filter.path("topics")));
        if (logs.size() > faults.maxResults()) {
            return error(id, -32005, "query returned more than " + faults.maxResults() + " results");
        }
        ArrayNode out = MAPPER.createArrayNode();
        boolean twins = faults.removedTwins();
        for (SimulatedChain.Log log : logs) {
            addLog(out, log, log.blockHash(), false);
            if (twins) {
                addLog(out, log, abandoned(log.blockHash()), true);
            }
        }
        return result(id, out);
    }

    private static void addLog(ArrayNode out, SimulatedChain.Log log, String blockHash, boolean removed) {
        ObjectNode l = out.addObject();
        l.put("address", log.address());
        ArrayNode topics = l.putArray("topics");
        log.topics().forEach(topics::add);
        l.put("data", log.data());
        l.set("blockNumber", quantity(log.blockNumber()));
        l.put("blockHash", blockHash);
        l.put("transactionHash", log.txHash());
        l.set("transactionIndex", quantity(log.logIndex()));
        l.set("logIndex", quantity(log.logIndex()));
        l.put("removed", removed);
    }

    /** A hash that differs from {@code hash} in its last digit: a sibling block no chain has kept. */
    private static String abandoned(String hash) {
        char last = hash.charAt(hash.length() - 1);
        return hash.substring(0, hash.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static long blockNumber(JsonNode tag, long head) {
        if (tag.isMissingNode() || tag.isNull()) {
            return head;
        }
        String t = tag.asText();
        return switch (t) {
            case "latest", "pending", "safe", "finalized" -> head;
            case "earliest" -> 0;
            default -> parseQuantity(t);
        };
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node.isTextual()) {
            out.add(node.asText().toLowerCase(Locale.ROOT));
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static Set<String> topic0s(JsonNode topics) {
        return topics.isArray() && topics.size() > 0 ? strings(topics.get(0)) : Set.of();
    }

    private ObjectNode block(SimulatedChain.Block b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("number", quantity(b.number()));
        o.put("hash", b.hash());
        o.put("parentHash", b.parentHash());
        o.set("timestamp", quantity(b.timestamp()));
        o.put("miner", SimulatedChain.ZERO_ADDRESS);
        o.putArray("transactions");
        return o;
    }

    private static long parseQuantity(String q) {
        if (!q.startsWith("0x") || q.length() < 3) {
            throw new IllegalArgumentException("not a hex quantity: " + q);
        }
        return Long.parseLong(q.substring(2), 16);
    }

    private static JsonNode quantity(long n) {
        return MAPPER.getNodeFactory().textNode("0x" + Long.toHexString(n));
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        o.set("result", result == null ? MAPPER.nullNode() : result);
        return o;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return o;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respondText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
