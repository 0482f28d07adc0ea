package io.tidewater.topology.api;

import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One entity type of an indexer: an Avro record class with a string {@code id}, plus the
 * fields that {@link HandlerContext#getWhere} may query. The sink derives its table from the
 * schema, and an index for each of those fields.
 *
 * @param <T> the generated Avro class
 */
public final class EntityDefinition<T extends SpecificRecord> {
    private final Class<T> type;
    private final Schema schema;
    private final List<String> indexedFields;
    private final int idPosition;

    private EntityDefinition(Class<T> type, List<String> indexedFields) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = SpecificData.get().getSchema(type);
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro record");
        }
        Schema.Field id = schema.getField("id");
        if (id == null || id.schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException("entity " + schema.getName() + " needs a non-null string field 'id'");
        }
        this.idPosition = id.pos();
        for (String field : indexedFields) {
            if (schema.getField(field) == null) {
                throw new IllegalArgumentException("entity " + schema.getName() + " has no field '" + field + "' to index");
            }
        }
        this.indexedFields = List.copyOf(indexedFields);
    }

    /** Declares an entity type; {@code indexedFields} are the fields {@code getWhere} may query. */
    public static <T extends SpecificRecord> EntityDefinition<T> of(Class<T> type, String... indexedFields) {
        return new EntityDefinition<>(type, List.of(indexedFields));
    }

    /** The schema's simple name, e.g. {@code Balance}; unique within an indexer. */
    public String name() {
        return schema.getName();
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    public List<String> indexedFields() {
        return indexedFields;
    }

    public boolean isIndexed(String field) {
        return indexedFields.contains(field);
    }

    public String idOf(SpecificRecord entity) {
        Object id = entity.get(idPosition);
        if (id == null) {
            throw new IllegalArgumentException("entity " + name() + " has a null id");
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return "EntityDefinition[" + name() + ", indexed=" + indexedFields + "]";
    }
}
