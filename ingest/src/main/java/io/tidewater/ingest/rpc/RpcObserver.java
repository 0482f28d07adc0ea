package io.tidewater.ingest.rpc;

/** Hears about every JSON-RPC call and every retry; implementations must be thread-safe. */
public interface RpcObserver {
    RpcObserver NONE = new RpcObserver() {
        @Override
        public void called(String method, int calls) {
        }

        @Override
        public void retried(RpcException.Kind cause) {
        }
    };

    /** {@code calls} calls of {@code method} were sent (a batch counts each of its calls). */
    void called(String method, int calls);

    /** A failed call will be tried again. */
    void retried(RpcException.Kind cause);
}
