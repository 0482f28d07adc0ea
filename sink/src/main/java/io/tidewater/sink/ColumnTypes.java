package io.tidewater.sink;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Chooses the column for an Avro field, and rejects the field types Tidewater cannot store. */
final class ColumnTypes {
    private static final String SUPPORTED = "supported: string, boolean, int, long, float, double, bytes "
            + "(with logicalType decimal: numeric), unions [null, X], and arrays of these primitives";

    private ColumnTypes() {
    }

    static Column column(String entity, Schema.Field field) {
        Identifier name = Identifiers.column(entity, field.name());
        Schema schema = field.schema();
        boolean nullable = false;
        if (schema.getType() == Schema.Type.UNION) {
            schema = nonNullBranch(entity, field, schema.getTypes());
            nullable = true;
        }
        ColumnType type = schema.getType() == Schema.Type.ARRAY
                ? new ArrayType(scalar(entity, field, schema.getElementType()))
                : scalar(entity, field, schema);
        return new Column(name, field.name(), field.pos(), type, nullable);
    }

    private static Schema nonNullBranch(String entity, Schema.Field field, List<Schema> branches) {
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL && branches.get(1).getType() != Schema.Type.NULL) {
                return branches.get(1);
            }
            if (branches.get(1).getType() == Schema.Type.NULL && branches.get(0).getType() != Schema.Type.NULL) {
                return branches.get(0);
            }
        }
        throw rejected(entity, field, "union " + branches);
    }

    private static ScalarType scalar(String entity, Schema.Field field, Schema schema) {
        switch (schema.getType()) {
            case STRING:
                return ScalarType.TEXT;
            case BOOLEAN:
                return ScalarType.BOOLEAN;
            case INT:
                return ScalarType.INTEGER;
            case LONG:
                return ScalarType.BIGINT;
            case DOUBLE:
                return ScalarType.DOUBLE;
            case FLOAT:
                return ScalarType.REAL;
            case BYTES:
                return schema.getLogicalType() instanceof LogicalTypes.Decimal ? ScalarType.NUMERIC : ScalarType.BYTEA;
            default:
                throw rejected(entity, field, schema.toString());
        }
    }

    private static IllegalArgumentException rejected(String entity, Schema.Field field, String avroType) {
        return new IllegalArgumentException("entity '" + entity + "', field '" + field.name() + "': Avro type "
                + avroType + " has no Postgres column type (" + SUPPORTED + ")");
    }
}
