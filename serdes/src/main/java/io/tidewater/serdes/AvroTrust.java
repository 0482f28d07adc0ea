package io.tidewater.serdes;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it has not been told to trust. Rather than ask
 * every user for a system property, each codec trusts exactly the record classes its own
 * schema names, and nothing else.
 */
final class AvroTrust {
    private AvroTrust() {
    }

    static synchronized void trust(Schema schema) {
        Set<String> names = new HashSet<>();
        collect(schema, names, new HashSet<>());
        if (names.isEmpty()) {
            return;
        }
        ClassSecurityValidator.Builder builder = ClassSecurityValidator.builder();
        names.forEach(builder::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
    }

    private static void collect(Schema schema, Set<String> names, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                names.add(schema.getFullName());
                schema.getFields().forEach(f -> collect(f.schema(), names, seen));
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(t -> collect(t, names, seen));
            case ARRAY -> collect(schema.getElementType(), names, seen);
            case MAP -> collect(schema.getValueType(), names, seen);
            default -> {
            }
        }
    }
}
