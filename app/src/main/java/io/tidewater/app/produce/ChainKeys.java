package io.tidewater.app.produce;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;

/**
 * The input topic's key: the chain id as a decimal string, so that every record of a chain lands
 * on one partition, in order (docs/architecture.md, The input topic), and any producer can compute it.
 */
public final class ChainKeys {
    private ChainKeys() {
    }

    public static long chainId(InputRecord record) {
        Object body = record.getBody();
        if (body instanceof LogEvent log) {
            return log.getChainId();
        }
        if (body instanceof BlockHeader block) {
            return block.getChainId();
        }
        if (body instanceof ReorgNotice reorg) {
            return reorg.getChainId();
        }
        throw new IllegalArgumentException("not an input record body: " + body);
    }

    public static String key(InputRecord record) {
        return Long.toString(chainId(record));
    }
}
