package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.examples.erc20.Transfer;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a COPY reads from {@link CopyRows}: the same bytes as rendering every row first, on every attempt. */
class CopyRowsTest {
    private static final EntityDefinition<Transfer> TRANSFER = EntityDefinition.of(Transfer.class);
    private static final EntityTable TABLE = EntityTable.of(TRANSFER);
    /** Several chunks' worth, so that reads stop and go on mid-text. */
    private static final int ROWS = 5_000;

    @Test
    void aStreamReadsWhatRenderingEveryRowFirstGives() throws Exception {
        List<EntityChange> changes = transfers(ROWS);
        List<Integer> widths = new ArrayList<>();
        CopyRows rows = new CopyRows(new RowDecoder(TABLE), changes, 16, widths::add);

        byte[] streamed = readAll(rows.open(), 8_192);

        assertThat(streamed.length).isGreaterThan(3 * CopyRows.CHUNK_BYTES);
        assertThat(streamed).isEqualTo(renderedFirst(changes));
        assertThat(widths).containsExactly(streamed.length / ROWS + 8);
    }

    @Test
    void anAttemptAfterOneThatStoppedPartWayReadsTheWholeTextAgain() throws Exception {
        List<EntityChange> changes = transfers(ROWS);
        CopyRows rows = new CopyRows(new RowDecoder(TABLE), changes, 16, width -> { });
        InputStream failed = rows.open();
        byte[] part = new byte[CopyRows.CHUNK_BYTES + 100];
        assertThat(failed.read(part, 0, part.length)).isPositive();

        byte[] retried = readAll(rows.open(), 65_536);

        assertThat(retried).isEqualTo(renderedFirst(changes));
        assertThat(readAll(rows.open(), 1)).isEqualTo(retried);
    }

    @Test
    void aRowThatCannotBeDecodedFailsTheReadThatReachesItNamingIt() throws Exception {
        List<EntityChange> changes = new ArrayList<>(transfers(ROWS));
        changes.add(new EntityChange(TRANSFER, "1-9999-0", new byte[] {1, 2, 3}, true));
        CopyRows rows = new CopyRows(new RowDecoder(TABLE), changes, 16, width -> { });
        InputStream in = rows.open();
        byte[] buf = new byte[CopyRows.CHUNK_BYTES];

        assertThat(in.read(buf, 0, buf.length)).isEqualTo(buf.length);
        assertThatThrownBy(() -> readAll(in, buf.length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity Transfer, id '1-9999-0': cannot decode its Avro value (3 bytes)");
    }

    @Test
    void aValueWhoseIdIsNotTheChangesFailsNamingBoth() {
        EntityChange wrong = new EntityChange(TRANSFER, "1-1-1", Changes.encode(TRANSFER, transfer(2)), true);
        CopyRows rows = new CopyRows(new RowDecoder(TABLE), List.of(wrong), 16, width -> { });

        assertThatThrownBy(() -> readAll(rows.open(), 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("change for id '1-1-1' holds a value whose id is '1-2-0'");
    }

    private static byte[] renderedFirst(List<EntityChange> changes) {
        CopyText text = new CopyText(TABLE.columns(), changes.size(), 16);
        RowDecoder decoder = new RowDecoder(TABLE);
        changes.forEach(c -> text.add(decoder.decodeChange(c)));
        return Arrays.copyOf(text.buffer(), text.length());
    }

    private static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0;) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static List<EntityChange> transfers(int n) {
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transfer t = transfer(i);
            changes.add(new EntityChange(TRANSFER, t.getId(), Changes.encode(TRANSFER, t), true));
        }
        return changes;
    }

    private static Transfer transfer(int i) {
        return Transfer.newBuilder().setId("1-" + i + "-0").setChainId(1).setBlockNumber(i).setLogIndex(0).setToken("1-0xa")
                .setFrom("0x" + Integer.toHexString(i)).setTo("0xb").setValue(new BigDecimal("1000000000000000000").add(BigDecimal.valueOf(i)))
                .setBlockTimestamp(1_700_000_000L + i).build();
    }
}
