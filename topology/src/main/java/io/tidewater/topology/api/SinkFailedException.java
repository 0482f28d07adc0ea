package io.tidewater.topology.api;

/** The sink gave up on a batch; rethrown on the stream thread, where it stops the indexer. */
public class SinkFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
