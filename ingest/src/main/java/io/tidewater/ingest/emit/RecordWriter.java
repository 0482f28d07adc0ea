package io.tidewater.ingest.emit;

import io.tidewater.serdes.wire.InputRecord;
import java.util.Map;

/** Where produced records go: the input topic, keyed by chain, in order. */
public interface RecordWriter extends AutoCloseable {

    /** Queues one record; a failure of an earlier send is rethrown here. */
    void send(InputRecord record);

    /** Waits until everything sent is acknowledged. */
    void flush();

    /** Records sent so far. */
    long sent();

    /** The offset after the last acknowledged record, per partition written to. */
    Map<Integer, Long> endOffsets();

    @Override
    void close();
}
