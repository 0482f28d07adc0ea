package io.tidewater.bench.perf;

import io.tidewater.examples.erc20.Transfer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The ERC20 Transfer rows that the COPY and sink-alone measurements write: the same rows for both. */
final class TransferRows {
    private TransferRows() {
    }

    /** {@code count} transfers; {@code version} changes every value but no id, so a second version is all updates. */
    static List<Transfer> make(int count, int version) {
        List<Transfer> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long block = 1 + i / 50;
            rows.add(Transfer.newBuilder()
                    .setId("1-" + block + "-" + i % 50)
                    .setChainId(1)
                    .setBlockNumber(block)
                    .setLogIndex(i % 50)
                    .setToken("1-" + Workloads.token(1))
                    .setFrom(Workloads.holder(i * 7L))
                    .setTo(Workloads.holder(i * 13L))
                    .setValue(new BigDecimal(BigInteger.valueOf(1_000_003L * (i + 1) + version).multiply(BigInteger.TEN.pow(15))))
                    .setBlockTimestamp(1_700_000_000L + block * 12)
                    .build());
        }
        return rows;
    }

    /** The row as a line of COPY's text format, in {@link #COLUMNS} order. */
    static String copyLine(Transfer t) {
        return t.getId() + "\t" + t.getChainId() + "\t" + t.getBlockNumber() + "\t" + t.getLogIndex() + "\t" + t.getToken()
                + "\t" + t.getFrom() + "\t" + t.getTo() + "\t" + t.getValue().toPlainString() + "\t" + t.getBlockTimestamp() + "\n";
    }

    static final String COLUMNS = "\"id\", \"chain_id\", \"block_number\", \"log_index\", \"token\", \"from\", \"to\", \"value\", \"block_timestamp\"";
}
