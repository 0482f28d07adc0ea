package io.tidewater.app.init;

import java.util.ArrayList;
import java.util.List;

/** The entities' Avro schemas: one record per event. */
final class SchemaFile {
    private SchemaFile() {
    }

    static String render(ProjectSpec spec) {
        List<String> records = new ArrayList<>();
        for (EntityLayout e : spec.entities()) {
            List<String> fields = new ArrayList<>(List.of(
                    field("id", "\"string\"", "<chainId>-<blockNumber>-<logIndex>"),
                    field("chainId", "\"long\"", null),
                    field("blockNumber", "\"long\"", null),
                    field("logIndex", "\"long\"", null),
                    field("blockTimestamp", "\"long\"", "Seconds since the epoch"),
                    field("transactionHash", "\"string\"", null),
                    field("contractAddress", "\"string\"", "The emitting contract, lowercase hex")));
            for (EntityLayout.Column c : e.columns()) {
                String doc = c.param().type() + (c.param().indexed() ? " indexed" : "") + " " + c.param().name()
                        + (c.param().hashed() ? ": the Keccak-256 hash of the value, which is all an indexed " + c.param().type()
                        + " leaves in a log" : "") + (c.kind() == ParamKind.JSON ? ", as JSON" : "");
                fields.add(field(c.field(), c.kind().avroType(), doc));
            }
            records.add("""
                      {
                        "type": "record", "name": "%s", "namespace": "%s",
                        "doc": "One %s log a row: %s",
                        "fields": [
                    %s
                        ]
                      }""".formatted(e.className(), spec.javaPackage(), e.event().name(), json(e.event().toString()),
                    String.join(",\n", fields)));
        }
        return "[\n" + String.join(",\n", records) + "\n]\n";
    }

    private static String field(String name, String type, String doc) {
        return "      {\"name\": \"" + name + "\", \"type\": " + type + (doc == null ? "" : ", \"doc\": \"" + json(doc) + "\"") + "}";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
