package io.tidewater.ingest.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeReaderTest {
    private static InputRecord block(long n, String hash) {
        return new InputRecord(new BlockHeader(1L, n, hash, "0xparent", 1_000 + n));
    }

    private static InputRecord log(long n, String hash, long index) {
        return new InputRecord(LogEvent.newBuilder().setChainId(1).setBlockNumber(n).setBlockHash(hash).setBlockTimestamp(1_000 + n)
                .setLogIndex(index).setTxHash("0xt").setAddress("0x" + "1".repeat(40)).setTopics(List.of("0x" + "2".repeat(64)))
                .setData("0x").build());
    }

    @Test
    void goesOnFromTheNewestBlockWhoseLogsACrashMayHaveCut() {
        ResumePoint p = ResumeReader.replay(List.of(block(5, "0xa5"), log(5, "0xa5", 0), block(9, "0xa9"), log(9, "0xa9", 0)), true);
        assertThat(p.next()).hasValue(9);
        assertThat(p.hashes()).containsEntry(5L, "0xa5").containsEntry(9L, "0xa9");
        assertThat(p.coverageStart()).hasValue(5);
    }

    @Test
    void aReorgNoticeDropsTheHashesAboveItAndIsWhereItGoesOn() {
        ResumePoint p = ResumeReader.replay(List.of(block(5, "0xa5"), block(6, "0xa6"), block(7, "0xa7"),
                new InputRecord(new ReorgNotice(1L, 5L))), false);
        assertThat(p.next()).hasValue(6);
        assertThat(p.hashes()).containsOnlyKeys(5L);
        assertThat(p.coverageStart()).isEmpty();
    }

    @Test
    void nothingProducedMeansStartFromTheConfiguredBlock() {
        assertThat(ResumeReader.replay(List.of(), true).isEmpty()).isTrue();
    }
}
