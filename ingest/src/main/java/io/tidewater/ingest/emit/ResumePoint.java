package io.tidewater.ingest.emit;

import java.util.NavigableMap;
import java.util.OptionalLong;

/**
 * What the input topic says was produced for one chain.
 *
 * @param hashes        hashes of the produced blocks still on the produced chain (reorg notices
 *                      applied), the newest within the window read back
 * @param next          the first block to produce again: the newest produced block itself (its
 *                      logs may have been cut short by a crash; a resend is a duplicate), or the
 *                      block after a reorg notice; empty when the topic has nothing of the chain
 * @param coverageStart the first block ever produced for the chain, when the whole partition was read
 * @param records       records of the chain read back
 */
public record ResumePoint(NavigableMap<Long, String> hashes, OptionalLong next, OptionalLong coverageStart, long records) {

    public boolean isEmpty() {
        return next.isEmpty();
    }
}
