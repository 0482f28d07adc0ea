package io.tidewater.testkit.node;

/** What a {@link FakeJsonRpcNode} can do to a request instead of answering it. */
public enum NodeFault {
    /** HTTP 429 Too Many Requests. */
    RATE_LIMITED,
    /** HTTP 503 Service Unavailable. */
    UNAVAILABLE,
    /** A JSON-RPC error -32005 "limit exceeded", as rate-limiting providers send it. */
    LIMIT_EXCEEDED,
    /** No answer until the client's timeout has passed (the node sleeps {@link NodeFaults#timeoutDelayMillis}). */
    TIMEOUT,
    /** The connection closes without an answer. */
    DROPPED_CONNECTION,
    /** The node answers, but has none of the blocks asked by number: a backend that lags behind. */
    BEHIND
}
