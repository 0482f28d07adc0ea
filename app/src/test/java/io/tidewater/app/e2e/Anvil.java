package io.tidewater.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.ingest.rpc.Hex;
import io.tidewater.ingest.rpc.JsonRpcClient;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.ingest.rpc.RpcObserver;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Ethereum node for tests: anvil, from the npm package {@code @foundry-rs/anvil-linux-amd64},
 * installed on first use into a cache folder under the user's home. When npm cannot install it the
 * test fails, naming what npm said: a silent skip would hide that nothing was tested.
 */
final class Anvil implements AutoCloseable {
    static final String PACKAGE = "@foundry-rs/anvil-linux-amd64@1.7.1";
    /** The selector of ERC20 transfer(address,uint256). */
    private static final String TRANSFER = "a9059cbb";
    private static final String GAS = "0x30000";

    private final Process process;
    private final String url;
    private final JsonRpcClient client;

    private Anvil(Process process, String url) {
        this.process = process;
        this.url = url;
        this.client = new JsonRpcClient(url, Duration.ofSeconds(10), 0, RpcObserver.NONE);
    }

    /** Installs anvil when it is not in the cache yet, and returns its binary. */
    static Path install() throws IOException, InterruptedException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "tidewater", "anvil-1.7.1");
        Path binary = cache.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(cache);
        Path log = Files.createTempFile("npm-install-anvil", ".log");
        Process npm = new ProcessBuilder("npm", "install", "--prefix", cache.toString(), "--no-save", "--no-audit", "--no-fund", PACKAGE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = npm.waitFor(5, TimeUnit.MINUTES);
        if (!done || npm.exitValue() != 0 || !Files.isExecutable(binary)) {
            npm.destroyForcibly();
            throw new AssertionError("could not install " + PACKAGE + " with npm (needed for the tests against a real node): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return binary;
    }

    static Anvil start(Path binary) throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--silent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Anvil anvil = new Anvil(process, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                anvil.client.call("eth_chainId");
                return anvil;
            } catch (RpcException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    anvil.close();
                    throw new AssertionError("anvil did not start: " + e.getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    String url() {
        return url;
    }

    List<String> accounts() {
        List<String> out = new ArrayList<>();
        client.call("eth_accounts").forEach(a -> out.add(a.asText().toLowerCase(Locale.ROOT)));
        return out;
    }

    /** Deploys the creation bytecode with the supply as constructor argument; returns the contract's address. */
    String deploy(String from, String bytecode, BigInteger supply) {
        String tx = client.call("eth_sendTransaction", Map.of("from", from, "data", "0x" + bytecode.trim() + word(supply.toString(16))))
                .asText();
        return receipt(tx).get("contractAddress").asText().toLowerCase(Locale.ROOT);
    }

    /** Sends a transfer and waits until it is mined, so that the next one lands in a later block. */
    void transfer(String token, String from, String to, long value) {
        receipt(client.call("eth_sendTransaction", transferRequest(token, from, to, value)).asText());
    }

    /** The mined transaction's receipt; it must have succeeded. Automining may lag behind the answer on a busy machine. */
    private JsonNode receipt(String tx) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode receipt = client.call("eth_getTransactionReceipt", tx);
        while (receipt == null || receipt.isNull()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("transaction " + tx + " was not mined within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            receipt = client.call("eth_getTransactionReceipt", tx);
        }
        if (!"0x1".equals(receipt.path("status").asText())) {
            throw new AssertionError("transaction " + tx + " failed: " + receipt);
        }
        return receipt;
    }

    /** Replaces the newest {@code depth} blocks by as many new ones, holding these transfers at these offsets. */
    void reorg(int depth, List<Object[]> transfersAtOffsets) {
        List<Object> txs = new ArrayList<>();
        for (Object[] t : transfersAtOffsets) {
            txs.add(List.of(t[0], t[1]));
        }
        client.call("anvil_reorg", depth, txs);
    }

    static Map<String, String> transferRequest(String token, String from, String to, long value) {
        return Map.of("from", from, "to", token, "gas", GAS, "data", "0x" + TRANSFER + word(to.substring(2)) + word(Long.toHexString(value)));
    }

    long head() {
        return Hex.toLong(client.call("eth_blockNumber").asText());
    }

    JsonNode logs(String address) {
        return client.call("eth_getLogs", Map.of("fromBlock", "0x0", "toBlock", "latest", "address", address));
    }

    long timestamp(long block) {
        return Hex.toLong(client.call("eth_getBlockByNumber", Hex.quantity(block), false).get("timestamp").asText());
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
