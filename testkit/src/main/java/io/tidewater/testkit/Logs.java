package io.tidewater.testkit;

import io.tidewater.topology.api.EventSignature;
import java.util.Map;

/** Where a test or a generator emits the logs of the current block. */
public interface Logs {
    /** A raw log (topics and data) of {@code event} at {@code address}, its values in parameter order. */
    Logs log(String address, EventSignature event, Object... values);

    /** A raw log of {@code event} at {@code address}, its values by parameter name. */
    Logs log(String address, EventSignature event, Map<String, ?> values);
}
