package io.tidewater.app.produce;

import io.tidewater.serdes.MalformedRecordException;

/** A line of a JSON-lines input file that is not a valid input record: names the file, line and field. */
public class InvalidLineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long lineNumber;

    public InvalidLineException(String file, long lineNumber, MalformedRecordException cause) {
        super(file + ":" + lineNumber + ": " + cause.getMessage(), cause);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
