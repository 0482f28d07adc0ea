package io.tidewater.examples.erc20;

import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.reference.Erc20Reference;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.MemorySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of random streams with explicit, implicit and parent-hash reorgs of depth 1–20 and
 * duplicates: the store, and what reached the sink, equal a model that replays only the
 * canonical history.
 */
@Tag("slow")
class Erc20PropertyTest {
    @TempDir
    Path dir;

    @Test
    void randomStreamsEndAsACleanReplayOfTheCanonicalChain() throws Exception {
        Map<ChainSimulator.Kind, Integer> seen = new EnumMap<>(ChainSimulator.Kind.class);
        for (long seed = 1; seed <= 200; seed++) {
            ChainSimulator sim = new ChainSimulator(seed, SimOptions.withReorgDepth(20), true);
            List<String> lines = sim.generate(250);
            Map<String, TreeMap<String, Map<String, Object>>> expected = Erc20Reference.tables(sim.canonicalTransfers());
            assertThat(JsonlReference.tables(lines)).as("the file reference agrees, seed " + seed).isEqualTo(expected);
            MemorySink sink = MemorySink.automatic();
            Path stateDir = Files.createDirectory(dir.resolve("seed-" + seed));
            try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir,
                    Map.of("batch.size.trigger", 7, "capacity.target", 7))) {
                for (int i = 0; i < lines.size(); i++) {
                    driver.pipe(lines.get(i));
                    if (i % 37 == 0) {
                        driver.tick();
                    }
                }
                driver.tick();
                driver.tick();
                String context = "seed " + seed;
                assertThat(Rows.table(driver.entities(Token.class))).as(context).isEqualTo(expected.get("token"));
                assertThat(Rows.table(driver.entities(Balance.class))).as(context).isEqualTo(expected.get("balance"));
                assertThat(Rows.table(driver.entities(Transfer.class))).as(context).isEqualTo(expected.get("transfer"));
                assertThat(Rows.table(sink.table("Token"))).as(context).isEqualTo(expected.get("token"));
                assertThat(Rows.table(sink.table("Balance"))).as(context).isEqualTo(expected.get("balance"));
                assertThat(Rows.table(sink.table("Transfer"))).as(context).isEqualTo(expected.get("transfer"));
                assertThat(driver.dirty()).as(context).isEmpty();
                assertThat(driver.deadLetters()).as(context).isEmpty();
            }
            sim.counts().forEach((k, v) -> seen.merge(k, v, Integer::sum));
        }
        // The streams did exercise every kind of event the property is about.
        assertThat(seen.keySet()).containsExactlyInAnyOrder(ChainSimulator.Kind.values());
        assertThat(seen.get(ChainSimulator.Kind.PARENT_REORG)).isGreaterThan(20);
    }
}
