package io.tidewater.sink;

import io.tidewater.topology.api.EntityDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The table of one entity: its name, its columns in Avro field order, and its indexed columns.
 * Building one validates every name and type, before any connection is made.
 */
record EntityTable(String entity, Schema schema, Identifier name, List<Column> columns, List<Column> indexed) {
    static final String ID = "id";

    EntityTable {
        columns = List.copyOf(columns);
        indexed = List.copyOf(indexed);
    }

    static EntityTable of(EntityDefinition<?> definition) {
        return of(definition.name(), definition.schema(), definition.indexedFields());
    }

    static EntityTable of(String entity, Schema schema, List<String> indexedFields) {
        Identifier table = Identifiers.table(entity);
        Schema.Field id = schema.getField(ID);
        if (id == null || id.schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException("entity '" + entity + "' needs a non-null string field 'id'");
        }
        List<Column> columns = new ArrayList<>();
        Map<Identifier, String> owners = new HashMap<>();
        for (Schema.Field field : schema.getFields()) {
            Column column = ColumnTypes.column(entity, field);
            String other = owners.putIfAbsent(column.name(), field.name());
            if (other != null) {
                throw new IllegalArgumentException("entity '" + entity + "': fields '" + other + "' and '" + field.name()
                        + "' both map to column \"" + column.name() + "\"");
            }
            columns.add(column);
        }
        List<Column> indexed = new ArrayList<>();
        for (String field : indexedFields) {
            indexed.add(columns.stream().filter(c -> c.field().equals(field)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("entity '" + entity + "' has no field '" + field + "' to index")));
        }
        return new EntityTable(entity, schema, table, columns, indexed);
    }

    Column idColumn() {
        return columns.stream().filter(c -> c.field().equals(ID)).findFirst().orElseThrow();
    }
}
