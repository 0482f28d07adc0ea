package io.tidewater.ingest.rpc;

import java.util.OptionalLong;

/**
 * A JSON-RPC call that did not return a result, classified by what the caller should do about it:
 * wait and retry, ask for a smaller block range, or stop. The message names the method and what the
 * node said; it never carries the node's URL, which often holds an API key.
 */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a call failed. Only the {@code FATAL_*} kinds end an ingester; the others are retried and counted. */
    public enum Kind {
        /** HTTP 429 or a JSON-RPC rate-limit error. */
        RATE_LIMITED,
        /** HTTP 5xx or a generic server-side JSON-RPC error. */
        SERVER_ERROR,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** Connection refused, reset or dropped mid-response. */
        CONNECTION,
        /** The node does not have the requested block yet (a load-balanced node that lags). */
        NODE_BEHIND,
        /** The node's answers disagree: a reorg between two calls, or load-balanced nodes at different heads. */
        INCONSISTENT,
        /** eth_getLogs asked for too many blocks or results; retry with a smaller range. */
        RANGE_LIMIT,
        /** The answer was not JSON-RPC (a truncated body, a proxy's HTML page). */
        PROTOCOL,
        /** The node does not offer the method. */
        FATAL_METHOD,
        /** The URL does not lead to a JSON-RPC node, or the node refused our credentials. */
        FATAL_URL,
        /** The node rejected the request itself; retrying the same request cannot help. */
        FATAL_REQUEST;

        public boolean fatal() {
            return name().startsWith("FATAL_");
        }

        /** The label of the retries counter. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String method;
    private final long suggestedRange;

    public RpcException(Kind kind, String method, String message, Throwable cause) {
        this(kind, method, message, -1, cause);
    }

    /** @param suggestedRange the largest block range the node said it accepts; -1 when it said none */
    public RpcException(Kind kind, String method, String message, long suggestedRange, Throwable cause) {
        super(method + ": " + message, cause);
        this.kind = kind;
        this.method = method;
        this.suggestedRange = suggestedRange;
    }

    public Kind kind() {
        return kind;
    }

    public String method() {
        return method;
    }

    /** For {@link Kind#RANGE_LIMIT}: the block count the node's message suggested, if any. */
    public OptionalLong suggestedRange() {
        return suggestedRange > 0 ? OptionalLong.of(suggestedRange) : OptionalLong.empty();
    }
}
