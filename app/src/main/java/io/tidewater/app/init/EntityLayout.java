package io.tidewater.app.init;

import io.tidewater.topology.api.EventParam;
import io.tidewater.topology.api.EventSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entity that records one event, a row per log: where the log was, then every parameter by
 * name. Parameters named like a position field are prefixed with {@code param}.
 *
 * @param event     the event
 * @param className the entity's class, unique within the project (overloads are numbered)
 * @param constant  the name of the event's constant in the indexer
 * @param columns   the parameters' fields, in parameter order
 */
record EntityLayout(EventSignature event, String className, String constant, List<Column> columns) {
    /** Fields every event's entity has, before its parameters. */
    static final List<String> POSITION = List.of("id", "chainId", "blockNumber", "logIndex", "blockTimestamp",
            "transactionHash", "contractAddress");

    /** One parameter's field. */
    record Column(String field, EventParam param, ParamKind kind) {
    }

    static List<EntityLayout> of(List<EventSignature> events, String indexerClass) {
        Set<String> classes = new HashSet<>(Set.of(indexerClass));
        List<EntityLayout> out = new ArrayList<>();
        for (EventSignature event : events) {
            String base = Java.entity(event.name());
            String name = base;
            for (int n = 2; !classes.add(name); n++) {
                name = base + n;
            }
            out.add(new EntityLayout(event, name, Java.constant(name), columns(event)));
        }
        return out;
    }

    private static List<Column> columns(EventSignature event) {
        Set<String> used = new HashSet<>(POSITION);
        List<Column> out = new ArrayList<>();
        for (EventParam p : event.params()) {
            String field = Java.field(p.name());
            if (used.contains(field)) {
                field = "param" + Java.pascal(field);
            }
            String unique = field;
            for (int n = 2; !used.add(unique); n++) {
                unique = field + n;
            }
            out.add(new Column(unique, p, ParamKind.of(p)));
        }
        return out;
    }

    /** Whether the test kit can encode a log of this event: it cannot hash an indexed array or tuple. */
    boolean encodable() {
        return event.params().stream().noneMatch(p -> p.hashed() && (p.type().endsWith("]") || p.type().startsWith("(")));
    }
}
