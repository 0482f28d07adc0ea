package io.tidewater.topology.api;

/**
 * Backpressure from a task to whoever runs the streams client. A task asks to pause when its
 * unwritten entities, or the input records it processed since its last written batch, pass the
 * capacity target while a write is in flight, and releases when
 * that write completes. Implementations pause processing without blocking the stream thread
 * ({@code KafkaStreams#pause()}), so polls, commits and heartbeats go on during a long
 * database outage.
 *
 * <p>Called from stream threads and from the sink's writer thread: must be thread-safe.
 */
public interface FlowControl {
    FlowControl NONE = new FlowControl() {
        @Override
        public void requestPause(String task) {
        }

        @Override
        public void release(String task) {
        }
    };

    void requestPause(String task);

    void release(String task);
}
