package io.tidewater.sink;

import io.tidewater.sink.ExistingTable.ExistingColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What it takes to make one entity table match its schema: the DDL to run, or the reasons it
 * cannot be done without losing or misreading data. Only additive changes are made: a new field
 * becomes a new nullable column (existing rows have no value for it); anything else that
 * differs is a problem for a person to resolve.
 */
final class TableMigration {
    private final List<String> statements = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private TableMigration() {
    }

    static TableMigration plan(Identifier schema, EntityTable table, Optional<ExistingTable> existing) {
        TableMigration m = new TableMigration();
        String qualified = schema.quoted() + "." + table.name().quoted();
        if (existing.isEmpty()) {
            m.statements.add(createTable(qualified, table));
        } else if (!existing.get().isTable()) {
            m.problems.add("\"" + table.name() + "\" exists but is not a table (relkind '" + existing.get().kind() + "')");
            return m;
        } else {
            m.compare(qualified, table, existing.get());
        }
        for (Column column : table.indexed()) {
            m.statements.add("CREATE INDEX IF NOT EXISTS " + Identifiers.index(table.name(), column.name()).quoted()
                    + " ON " + qualified + " (" + column.name().quoted() + ")");
        }
        return m;
    }

    List<String> statements() {
        return statements;
    }

    List<String> problems() {
        return problems;
    }

    private static String createTable(String qualified, EntityTable table) {
        String columns = table.columns().stream()
                .map(c -> c.field().equals(EntityTable.ID) ? c.name().quoted() + " text PRIMARY KEY" : c.definition())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + qualified + " (" + columns + ")";
    }

    private void compare(String qualified, EntityTable table, ExistingTable existing) {
        String where = "table \"" + table.name() + "\", column ";
        Set<String> wanted = new HashSet<>();
        for (Column column : table.columns()) {
            wanted.add(column.name().name());
            ExistingColumn found = existing.columns().get(column.name().name());
            if (found == null) {
                if (column.field().equals(EntityTable.ID)) {
                    problems.add(where + "\"id\" is missing");
                } else {
                    statements.add("ALTER TABLE " + qualified + " ADD COLUMN " + column.name().quoted() + " " + column.type().sqlType());
                }
                continue;
            }
            if (!found.type().equals(column.type().sqlType())) {
                problems.add(where + "\"" + found.name() + "\" is " + found.type() + " but field '" + column.field()
                        + "' of entity " + table.entity() + " needs " + column.type().sqlType());
            } else if (column.nullable() && found.notNull()) {
                problems.add(where + "\"" + found.name() + "\" is NOT NULL but field '" + column.field()
                        + "' of entity " + table.entity() + " is nullable");
            }
        }
        for (ExistingColumn column : existing.columns().values()) {
            if (!wanted.contains(column.name()) && column.notNull() && !column.hasDefault()) {
                problems.add(where + "\"" + column.name() + "\" is NOT NULL without a default, and entity "
                        + table.entity() + " has no field for it (was the field removed?)");
            }
        }
        if (existing.columns().containsKey(EntityTable.ID) && !existing.idUnique()) {
            problems.add(where + "\"id\" has no primary key or unique index, which upserts need");
        }
    }
}
