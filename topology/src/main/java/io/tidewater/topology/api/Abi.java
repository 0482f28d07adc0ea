package io.tidewater.topology.api;

import com.esaulpaugh.headlong.abi.ABIJSON;
import com.esaulpaugh.headlong.abi.Event;
import com.esaulpaugh.headlong.abi.Tuple;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The events of a contract's JSON ABI: a plain ABI array, or a compiler artifact (Hardhat,
 * Foundry, Truffle) whose {@code abi} field holds one. Functions and errors are ignored;
 * anonymous events are left out, since their logs carry no topic 0 to be matched by.
 *
 * <p>Immutable and thread-safe.
 */
public final class Abi {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;
    private final List<EventSignature> events;

    private Abi(String source, List<EventSignature> events) {
        this.source = source;
        this.events = List.copyOf(events);
    }

    /** @throws IllegalArgumentException naming what is wrong with the ABI */
    public static Abi parse(String json) {
        return parse("ABI", json);
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static Abi load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ABI file " + file + ": " + e.getMessage(), e);
        }
        return parse("ABI file " + file, json);
    }

    /** An ABI on the class path, e.g. {@code Abi.fromResource(MyIndexer.class, "/abi/Token.json")}. */
    public static Abi fromResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no ABI resource " + name + " next to " + anchor.getName());
            }
            return parse("ABI resource " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ABI resource " + name, e);
        }
    }

    private static Abi parse(String source, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root != null && root.isObject() && root.has("abi")) {
            root = root.get("abi");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + " is not a JSON ABI: expected an array of items, or an object with an 'abi' array");
        }
        List<Event<Tuple>> parsed;
        try {
            parsed = ABIJSON.parseEvents(root.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " has an invalid event: " + e.getMessage(), e);
        }
        List<EventSignature> events = new ArrayList<>();
        for (Event<Tuple> e : parsed) {
            if (!e.isAnonymous()) {
                try {
                    events.add(new EventSignature(e));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(source + ": " + bad.getMessage(), bad);
                }
            }
        }
        return new Abi(source, events);
    }

    /** Every non-anonymous event, in ABI order. */
    public List<EventSignature> events() {
        return events;
    }

    /**
     * One event, by name when the ABI has one event of that name, or by signature
     * ({@code Transfer(address,address,uint256)}, with or without names and {@code indexed}).
     *
     * @throws IllegalArgumentException when there is none, or the name is overloaded
     */
    public EventSignature event(String nameOrSignature) {
        List<EventSignature> matches;
        if (EventSignature.isSignature(nameOrSignature)) {
            String canonical = EventSignature.parse(nameOrSignature).canonical();
            matches = events.stream().filter(e -> e.canonical().equals(canonical)).toList();
        } else {
            matches = events.stream().filter(e -> e.name().equals(nameOrSignature)).toList();
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(source + " has no event " + nameOrSignature + "; it has "
                    + events.stream().map(EventSignature::canonical).collect(Collectors.joining(", ")));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(source + " has several events named " + nameOrSignature + " ("
                    + matches.stream().map(EventSignature::canonical).collect(Collectors.joining(", "))
                    + "); name one by its signature");
        }
        return matches.get(0);
    }

    @Override
    public String toString() {
        return source;
    }
}
