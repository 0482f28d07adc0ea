package io.tidewater.sink;

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
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    RowDecoder(EntityTable table) {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        this.reader = new GenericDatumReader<>(table.schema(), table.schema(), model);
    }

    GenericRecord decode(byte[] value) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(value, decoder);
        GenericRecord record = reader.read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IOException((value.length) + " bytes hold more than one record");
        }
        return record;
    }
}
