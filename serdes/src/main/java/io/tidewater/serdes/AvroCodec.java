package io.tidewater.serdes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary for one generated record class: no header, no schema id, because every
 * store and topic holds exactly one known schema.
 *
 * <p>Not thread-safe: it reuses its encoder and decoder. Each thread keeps its own codec.
 */
public final class AvroCodec<T extends SpecificRecord> {
    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroCodec(Class<T> type) {
        this(type, SpecificData.get().getSchema(type));
    }

    public AvroCodec(Class<T> type, Schema schema) {
        this.type = type;
        AvroTrust.trust(schema);
        // The class's own loader, not Avro's: an indexer loaded from its own jar has entity
        // classes that Avro's loader cannot see, and would decode them as generic records.
        SpecificData data = SpecificData.getForClass(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
        this.reader = new SpecificDatumReader<>(schema, schema, data);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T value) {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Decodes bytes this codec wrote; a decoding failure is a {@link MalformedRecordException}. */
    public T decode(byte[] bytes) {
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedRecordException("$", bytes.length + " bytes",
                        "has trailing bytes after a " + type.getSimpleName());
            }
            return value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new MalformedRecordException("$", bytes.length + " bytes",
                    "is not a valid Avro " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        }
    }
}
