package io.tidewater.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.serdes.store.UndoEntry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** {@link UndoLog} reads an entry's position without decoding it, from the schema's leading fields. */
class UndoEntryLayoutTest {
    @Test
    void positionFieldsLeadTheSchemaAsPlainLongs() {
        var fields = UndoEntry.getClassSchema().getFields();
        assertThat(fields.subList(0, 3)).extracting(Schema.Field::name).containsExactly("blockNumber", "logIndex", "offset");
        assertThat(fields.subList(0, 3)).allSatisfy(f -> assertThat(f.schema().getType()).isEqualTo(Schema.Type.LONG));
    }
}
