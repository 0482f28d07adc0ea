package io.tidewater.topology.api;

import com.esaulpaugh.headlong.abi.Event;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import io.tidewater.serdes.Params;
import io.tidewater.topology.internals.abi.AbiArguments;
import io.tidewater.topology.internals.abi.AbiValues;
import io.tidewater.serdes.Hex;
import io.tidewater.topology.internals.abi.Keccak;
import io.tidewater.topology.internals.abi.SignatureParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Solidity event: its name, parameters and topic 0, from a signature as Solidity writes it
 * ({@code Transfer(address indexed from, address indexed to, uint256 value)}) or from a JSON ABI
 * ({@link Abi}). Decodes raw logs into {@link Params}, and encodes values into raw logs.
 *
 * <p>Overloads (same name, other parameter types) are distinct events with distinct topics 0.
 * Anonymous events have no topic 0 to match logs by, and are refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventSignature {
    private final Event<Tuple> event;
    private final String topic0;
    private final List<EventParam> params;
    private final int indexedCount;

    EventSignature(Event<Tuple> event) {
        if (event.isAnonymous()) {
            throw new IllegalArgumentException("event " + event.getName() + " is anonymous: without a topic 0 its logs cannot be told apart");
        }
        this.event = event;
        this.topic0 = Hex.encode(Keccak.of(event.getCanonicalSignature().getBytes(StandardCharsets.US_ASCII)));
        TupleType<Tuple> inputs = event.getInputs();
        List<EventParam> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int indexed = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String name = AbiValues.elementName(inputs, i);
            if (!names.add(name)) {
                throw new IllegalArgumentException("event " + event.getCanonicalSignature() + " has two parameters named '" + name + "'");
            }
            boolean isIndexed = event.isElementIndexed(i);
            indexed += isIndexed ? 1 : 0;
            list.add(new EventParam(name, inputs.get(i).getCanonicalType(), isIndexed));
        }
        if (indexed > 3) {
            throw new IllegalArgumentException("event " + event.getCanonicalSignature() + " has " + indexed + " indexed parameters; at most 3");
        }
        this.params = List.copyOf(list);
        this.indexedCount = indexed;
    }

    /**
     * @param signature e.g. {@code Transfer(address indexed from, address indexed to, uint256 value)};
     *                  {@code event} before it and {@code tuple(...)} or {@code (...)} for structs are fine
     * @throws IllegalArgumentException naming the signature and the problem
     */
    public static EventSignature parse(String signature) {
        String json = SignatureParser.toAbiItem(signature).toString();
        try {
            return new EventSignature(Event.fromJson(json));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid event signature '" + signature.trim() + "': " + e.getMessage(), e);
        }
    }

    /** Whether {@code text} looks like a signature rather than a bare event name. */
    public static boolean isSignature(String text) {
        return text.indexOf('(') >= 0;
    }

    public String name() {
        return event.getName();
    }

    /** Types only, e.g. {@code Transfer(address,address,uint256)}: what topic 0 hashes. */
    public String canonical() {
        return event.getCanonicalSignature();
    }

    /** Keccak-256 of {@link #canonical()}, lowercase {@code 0x} hex. */
    public String topic0() {
        return topic0;
    }

    public List<EventParam> params() {
        return params;
    }

    public int indexedCount() {
        return indexedCount;
    }

    /**
     * Decodes a raw log of this event.
     *
     * @throws IllegalArgumentException saying why it does not decode: the wrong number of topics,
     *                                  short data, an offset out of range, non-hex
     */
    public Params decode(List<String> topics, String data) {
        if (topics.size() != indexedCount + 1) {
            throw new IllegalArgumentException("expected " + (indexedCount + 1) + " topics (" + indexedCount
                    + " indexed parameters), got " + topics.size());
        }
        if (!topics.get(0).equalsIgnoreCase(topic0)) {
            throw new IllegalArgumentException("topic 0 is " + topics.get(0) + ", not this event's " + topic0);
        }
        byte[][] rawTopics = new byte[topics.size()][];
        for (int i = 0; i < rawTopics.length; i++) {
            rawTopics[i] = hex("topics[" + i + "]", topics.get(i));
        }
        byte[] rawData = hex("data", data);
        try {
            return new Params(AbiValues.event(event, rawTopics, rawData));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** Encodes values, in parameter order, into a raw log of this event. */
    public RawLog encode(Object... values) {
        return encode(Arrays.asList(values));
    }

    /** Encodes values by parameter name into a raw log of this event. */
    public RawLog encode(Map<String, ?> values) {
        List<Object> ordered = new ArrayList<>();
        for (EventParam p : params) {
            if (!values.containsKey(p.name())) {
                throw new IllegalArgumentException(canonical() + ": no value for parameter '" + p.name() + "'");
            }
            ordered.add(values.get(p.name()));
        }
        return encode(ordered);
    }

    private RawLog encode(List<?> values) {
        TupleType<Tuple> inputs = event.getInputs();
        Tuple all = AbiArguments.tuple(inputs, values);
        List<String> topics = new ArrayList<>();
        topics.add(topic0);
        List<Object> unindexed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (event.isElementIndexed(i)) {
                topics.add(Hex.encode(AbiArguments.topic(inputs.get(i), all.get(i))));
            } else {
                unindexed.add(all.get(i));
            }
        }
        TupleType<Tuple> data = event.getNonIndexedParams();
        return new RawLog(topics, Hex.encode(data.encode(Tuple.from(unindexed.toArray())).array()));
    }

    private static byte[] hex(String field, String value) {
        try {
            return Hex.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hex: " + e.getMessage(), e);
        }
    }

    /** The signature as Solidity writes it, with indexed markers and names. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name()).append('(');
        for (int i = 0; i < params.size(); i++) {
            EventParam p = params.get(i);
            out.append(i == 0 ? "" : ", ").append(p.type()).append(p.indexed() ? " indexed " : " ").append(p.name());
        }
        return out.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSignature other && event.equals(other.event);
    }

    @Override
    public int hashCode() {
        return event.hashCode();
    }
}
