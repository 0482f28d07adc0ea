package io.tidewater.topology.internals;

/** A raw log whose topic 0 names a declared event but which does not decode as that event. */
final class UndecodableLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String signature;

    UndecodableLogException(String signature, String reason) {
        super(signature + ": " + reason);
        this.signature = signature;
    }

    String signature() {
        return signature;
    }
}
