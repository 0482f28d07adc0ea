package io.tidewater.app.produce;

import io.tidewater.app.CommandFailedException;

/** Records could not be written to the input topic; the message names the topic. */
public class ProduceException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    public ProduceException(String message, Throwable cause) {
        super(message, cause);
    }
}
