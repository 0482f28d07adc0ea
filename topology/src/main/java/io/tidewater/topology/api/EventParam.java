package io.tidewater.topology.api;

/**
 * One parameter of an event.
 *
 * @param name    its name; {@code arg<i>} when the signature left it unnamed
 * @param type    its canonical Solidity type, e.g. {@code uint256}, {@code address[]},
 *                {@code (uint256,address)}
 * @param indexed whether it travels in a topic (a dynamic one arrives as the hash of its value)
 */
public record EventParam(String name, String type, boolean indexed) {
    /** Whether handlers see this parameter as the 32-byte hash of its value rather than the value. */
    public boolean hashed() {
        return indexed && (type.equals("string") || type.equals("bytes") || type.endsWith("]") || type.startsWith("("));
    }
}
