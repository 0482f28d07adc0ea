package io.tidewater.app.cli;

import io.tidewater.ingest.IngestConfig;
import io.tidewater.topology.api.EventSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The ingester's flags that {@code ingest} and {@code index} share: the node, the blocks, the logs, the pace. */
final class NodeOptions {
    @Option(names = "--rpc-url", paramLabel = "URL", description = "The node's HTTP(S) JSON-RPC endpoint (key rpc.url).")
    String rpcUrl;

    @Option(names = "--from-block", paramLabel = "B", description = "First block, when the topic has nothing of the chain yet (default 0).")
    Long fromBlock;

    @Option(names = "--to-block", paramLabel = "B", description = "Last block: done once everything up to it is produced (index: written).")
    Long toBlock;

    @Option(names = "--confirmations", paramLabel = "K", description = "Stay K blocks behind the head (default 0).")
    Integer confirmations;

    @Option(names = "--reorg-threshold", paramLabel = "N", description = "Blocks of hashes kept to walk forks back; a deeper fork exits 3 "
            + "(default 200; the ingester's and the indexer's must be equal).")
    Integer reorgThreshold;

    @Option(names = "--contracts", paramLabel = "ADDRESS[,...]", split = ",", description = "Only logs of these contracts (default: all).")
    List<String> contracts = new ArrayList<>();

    @Option(names = "--topic0", paramLabel = "HASH[,...]", split = ",", description = "Only logs whose topic 0 (event signature hash) is "
            + "one of these (default: all).")
    List<String> topic0s = new ArrayList<>();

    @Option(names = "--events", paramLabel = "SIGNATURE", description = "Only logs of this event, by Solidity signature, e.g. "
            + "'Transfer(address indexed from, address indexed to, uint256 value)'; repeatable.")
    List<String> events = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", description = "Block ranges in flight during the backfill (default 4).")
    Integer concurrency;

    @Option(names = "--max-requests-per-second", paramLabel = "R", description = "JSON-RPC calls per second at most (default: no limit).")
    Double maxRequestsPerSecond;

    /** Rejects values no config could take, naming the flag. */
    void check(CommandLine cmd) {
        nonNegative(cmd, "--from-block", fromBlock);
        nonNegative(cmd, "--to-block", toBlock);
        if (fromBlock != null && toBlock != null && toBlock < fromBlock) {
            throw new ParameterException(cmd, "--to-block: " + toBlock + " is below --from-block " + fromBlock);
        }
        if (confirmations != null && confirmations < 0) {
            throw new ParameterException(cmd, "--confirmations: must be 0 or more, got " + confirmations);
        }
        if (reorgThreshold != null && reorgThreshold < 1) {
            throw new ParameterException(cmd, "--reorg-threshold: must be at least 1, got " + reorgThreshold);
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
            throw new ParameterException(cmd, "--concurrency: must be between 1 and 64, got " + concurrency);
        }
        if (maxRequestsPerSecond != null && maxRequestsPerSecond < 0) {
            throw new ParameterException(cmd, "--max-requests-per-second: must be 0 (no limit) or more, got " + maxRequestsPerSecond);
        }
        for (String event : events) {
            try {
                EventSignature.parse(event);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--events: " + e.getMessage());
            }
        }
    }

    /** Whether the flags choose the logs. */
    boolean filtered() {
        return !contracts.isEmpty() || !topic0s.isEmpty() || !events.isEmpty();
    }

    /** The ingester's keys these flags set. */
    Map<String, String> settings() {
        Map<String, String> flags = new LinkedHashMap<>();
        FlagConfig.put(flags, IngestConfig.RPC_URL_CONFIG, rpcUrl);
        FlagConfig.put(flags, IngestConfig.FROM_BLOCK_CONFIG, fromBlock);
        FlagConfig.put(flags, IngestConfig.TO_BLOCK_CONFIG, toBlock);
        FlagConfig.put(flags, IngestConfig.CONFIRMATIONS_CONFIG, confirmations);
        FlagConfig.put(flags, IngestConfig.REORG_THRESHOLD_CONFIG, reorgThreshold);
        FlagConfig.put(flags, IngestConfig.CONTRACTS_CONFIG, contracts.isEmpty() ? null : String.join(",", contracts));
        FlagConfig.put(flags, IngestConfig.TOPIC0S_CONFIG, topic0s.isEmpty() ? null : String.join(",", topic0s));
        FlagConfig.put(flags, IngestConfig.EVENTS_CONFIG, events.isEmpty() ? null : String.join(";", events));
        FlagConfig.put(flags, IngestConfig.CONCURRENCY_CONFIG, concurrency);
        FlagConfig.put(flags, IngestConfig.MAX_REQUESTS_PER_SECOND_CONFIG, maxRequestsPerSecond);
        return flags;
    }

    private static void nonNegative(CommandLine cmd, String flag, Long value) {
        if (value != null && value < 0) {
            throw new ParameterException(cmd, flag + ": must be 0 or more, got " + value);
        }
    }
}
