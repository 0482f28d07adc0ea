package io.tidewater.topology.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** JSON-lines input records for tests, with deterministic hashes per chain, block and fork. */
public final class Inputs {
    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    private Inputs() {
    }

    public static String hash(long chainId, long block, int fork) {
        return hex("block:" + chainId + ":" + block + ":" + fork, 32);
    }

    public static String address(String name) {
        return hex("address:" + name, 20);
    }

    public static String transfer(long chainId, long block, int fork, long logIndex, String token, String from,
            String to, String value) {
        return "{\"kind\":\"log\",\"chainId\":" + chainId + ",\"blockNumber\":" + block + ",\"blockHash\":\""
                + hash(chainId, block, fork) + "\",\"blockTimestamp\":" + (1_700_000_000L + block * 12) + ",\"logIndex\":"
                + logIndex + ",\"txHash\":\"" + hex("tx:" + chainId + ":" + block + ":" + fork + ":" + logIndex, 32)
                + "\",\"address\":\"" + token + "\",\"event\":\"Transfer\",\"params\":{\"from\":\"" + from
                + "\",\"to\":\"" + to + "\",\"value\":\"" + value + "\"}}";
    }

    public static String block(long chainId, long block, int fork, int parentFork) {
        return "{\"kind\":\"block\",\"chainId\":" + chainId + ",\"number\":" + block + ",\"hash\":\""
                + hash(chainId, block, fork) + "\",\"parentHash\":\"" + hash(chainId, block - 1, parentFork)
                + "\",\"timestamp\":" + (1_700_000_000L + block * 12) + "}";
    }

    public static String reorg(long chainId, long lastValidBlock) {
        return "{\"kind\":\"reorg\",\"chainId\":" + chainId + ",\"lastValidBlock\":" + lastValidBlock + "}";
    }

    private static String hex(String seed, int bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(d, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
