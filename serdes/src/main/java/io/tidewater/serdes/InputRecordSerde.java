package io.tidewater.serdes;

import io.tidewater.serdes.wire.InputRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for input records, for producers and tests. The topology itself reads raw bytes
 * and decodes them with {@link InputCodec}, so that a malformed record becomes a dead letter
 * instead of a deserialization failure.
 */
public final class InputRecordSerde extends Serdes.WrapperSerde<InputRecord> {
    public InputRecordSerde(InputFormat format) {
        super(serializer(format), deserializer(format));
    }

    private static Serializer<InputRecord> serializer(InputFormat format) {
        InputCodec codec = new InputCodec(format);
        return (topic, record) -> record == null ? null : codec.encode(record);
    }

    private static Deserializer<InputRecord> deserializer(InputFormat format) {
        InputCodec codec = new InputCodec(format);
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }

    public static Serde<InputRecord> of(InputFormat format) {
        return new InputRecordSerde(format);
    }
}
