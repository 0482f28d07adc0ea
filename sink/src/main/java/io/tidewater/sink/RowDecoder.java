package io.tidewater.sink;

import io.tidewater.topology.api.EntityChange;
import java.io.IOException;
import org.apache.avro.Conversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes one entity's Avro binary values into generic records, decimals as {@link java.math.BigDecimal}.
 * Generic rather than specific, so no generated class has to be trusted or loaded.
 *
 * <p>Not thread-safe: it reuses its decoder. Only the writer thread uses it.
 */
final class RowDecoder {
    private final EntityTable table;
    /** Looked up once: looking it up for every row cost 0.18 µs a row in b's profile (BENCHMARKS.md). */
    private final int idPosition;
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    RowDecoder(EntityTable table) {
        this.table = table;
        this.idPosition = table.idColumn().position();
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        this.reader = new GenericDatumReader<>(table.schema(), table.schema(), model);
    }

    EntityTable table() {
        return table;
    }

    /**
     * Decodes a change's value, checking that it is the entity the change names.
     *
     * @throws IllegalArgumentException naming the entity and id of a value that cannot be written
     */
    GenericRecord decodeChange(EntityChange change) {
        GenericRecord record;
        try {
            record = decode(change.value());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("entity " + table.entity() + ", id '" + change.id() + "': cannot decode its Avro value ("
                    + change.value().length + " bytes): " + e.getMessage(), e);
        }
        Object id = record.get(idPosition);
        if (id == null || !id.toString().equals(change.id())) {
            throw new IllegalArgumentException("entity " + table.entity() + ": change for id '" + change.id()
                    + "' holds a value whose id is '" + id + "'");
        }
        return record;
    }

    private GenericRecord decode(byte[] value) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(value, decoder);
        GenericRecord record = reader.read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IOException((value.length) + " bytes hold more than one record");
        }
        return record;
    }
}
