package io.tidewater.examples.erc20;

import io.tidewater.examples.erc20.reference.JsonlReference;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.testkit.IndexerTestKit;
import io.tidewater.testkit.RawLogs;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.MemorySink;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public sample: 441 records with reorgs and duplicates must leave exactly the expected tables. */
class SampleAcceptanceTest {
    @TempDir
    Path stateDir;

    static Path sample(String name) throws URISyntaxException {
        return Path.of(SampleAcceptanceTest.class.getResource("/samples/" + name).toURI());
    }

    @Test
    void sampleProducesTheExpectedTablesInStoreAndSink() throws Exception {
        List<String> lines = Files.readAllLines(sample("erc20-reorgs.jsonl"));
        Map<String, TreeMap<String, Map<String, Object>>> expected = Rows.expected(sample("erc20-reorgs.expected.json"));
        MemorySink sink = MemorySink.automatic();
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir)) {
            driver.pipeAll(lines);
            driver.tick();
            driver.tick();

            assertThat(driver.deadLetters()).isEmpty();
            assertThat(Rows.table(driver.entities(Token.class))).isEqualTo(expected.get("token"));
            assertThat(Rows.table(driver.entities(Balance.class))).isEqualTo(expected.get("balance"));
            assertThat(Rows.table(driver.entities(Transfer.class))).isEqualTo(expected.get("transfer"));

            assertThat(Rows.table(sink.table("Token"))).isEqualTo(expected.get("token"));
            assertThat(Rows.table(sink.table("Balance"))).isEqualTo(expected.get("balance"));
            assertThat(Rows.table(sink.table("Transfer"))).isEqualTo(expected.get("transfer"));
            assertThat(driver.dirty()).isEmpty();
            assertThat(driver.deadLetters()).isEmpty();
            assertThat(sink.offset()).isEqualTo(lines.size() - 1);
        }
    }

    @Test
    void theSampleAsRawLogsProducesTheSameTables() throws Exception {
        List<String> raw = RawLogs.of(Erc20Indexer.TRANSFER).encode(Files.readAllLines(sample("erc20-reorgs.jsonl")));
        assertThat(raw).anyMatch(l -> l.contains("\"topics\"")).noneMatch(l -> l.contains("\"params\""));
        Map<String, TreeMap<String, Map<String, Object>>> expected = Rows.expected(sample("erc20-reorgs.expected.json"));
        try (IndexerTestKit kit = IndexerTestKit.of(new Erc20Indexer())) {
            raw.forEach(kit::pipe);
            kit.flush();
            assertThat(kit.deadLetters()).isEmpty();
            assertThat(Rows.table(kit.written(Token.class))).isEqualTo(expected.get("token"));
            assertThat(Rows.table(kit.written(Balance.class))).isEqualTo(expected.get("balance"));
            assertThat(Rows.table(kit.written(Transfer.class))).isEqualTo(expected.get("transfer"));
            assertThat(Rows.table(kit.entities(Balance.class))).isEqualTo(expected.get("balance"));
        }
    }

    @Test
    void thePlainFileReferenceAgreesWithTheSamplesExpectedTables() throws Exception {
        assertThat(JsonlReference.tables(Files.readAllLines(sample("erc20-reorgs.jsonl"))))
                .isEqualTo(Rows.expected(sample("erc20-reorgs.expected.json")));
    }
}
