package io.tidewater.topology.internals;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/** Prefix scans on byte-keyed stores take the prefix as it is. */
final class BytesPassThrough implements Serializer<Bytes> {
    @Override
    public byte[] serialize(String topic, Bytes data) {
        return data.get();
    }
}
