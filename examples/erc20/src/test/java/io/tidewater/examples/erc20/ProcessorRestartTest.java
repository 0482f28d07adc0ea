package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.CAROL;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static io.tidewater.examples.erc20.Erc20Fixture.transferOnFork;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.internals.Handlers;
import io.tidewater.topology.internals.IndexerProcessorSupplier;
import io.tidewater.topology.testing.Inputs;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor-level restart: the processor and its RocksDB stores are closed, then reopened
 * on the same state directory, with punctuators fired by hand. (TopologyTestDriver deletes its
 * state directory on close; a restart through a real broker is tested by the app.)
 */
class ProcessorRestartTest {
    private static final Erc20Indexer INDEXER = new Erc20Indexer();

    @TempDir
    Path stateDir;

    /** One incarnation of the task: a processor over stores opened on the state directory. */
    private final class Incarnation implements AutoCloseable {
        final MockProcessorContext<String, byte[]> context;
        final Processor<String, byte[], String, byte[]> processor;
        final List<KeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
        long offset;

        Incarnation(MemorySink sink, long firstOffset) {
            Properties props = new Properties();
            props.put("application.id", "restart-test");
            props.put("bootstrap.servers", "unused:9092");
            context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
            TidewaterConfig config = new TidewaterConfig(Map.of("input.format", "json", "shutdown.flush.timeout.ms", 0));
            IndexerProcessorSupplier supplier = new IndexerProcessorSupplier(config, TopologyPorts.of(sink),
                    Handlers.of(INDEXER), INDEXER.entities());
            for (StoreBuilder<?> declared : supplier.stores()) {
                // The stores the topology declares, but no changelog without a broker, and no record
                // cache without a task's.
                @SuppressWarnings("unchecked")
                KeyValueStore<Bytes, byte[]> store = (KeyValueStore<Bytes, byte[]>) declared.withLoggingDisabled()
                        .withCachingDisabled().build();
                store.init(context.getStateStoreContext(), store);
                context.addStateStore(store);
                stores.add(store);
            }
            processor = supplier.get();
            processor.init(context);
            offset = firstOffset;
        }

        void pipe(String json) {
            context.setRecordMetadata("tidewater.input", 0, offset++);
            String key = json.replaceAll(".*\"chainId\":(\\d+).*", "$1");
            processor.process(new Record<>(key, json.getBytes(StandardCharsets.UTF_8), 0L));
        }

        void tick() {
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(0L));
        }

        @Override
        public void close() {
            processor.close();
            stores.forEach(KeyValueStore::close);
        }
    }

    @Test
    void storesDirtySetAndHeadsSurviveARestartAndProcessingContinues() {
        MemorySink neverCompletes = MemorySink.manual();
        try (Incarnation first = new Incarnation(neverCompletes, 0)) {
            first.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            first.pipe(transfer(1, 2, 0, ALICE, BOB, 10));
            first.pipe(Inputs.block(1, 3, 0, 0));
            first.tick();
            assertThat(neverCompletes.pendingCount()).isEqualTo(1);
        }

        MemorySink sink = MemorySink.automatic();
        try (Incarnation second = new Incarnation(sink, 3)) {
            second.pipe(transfer(1, 2, 0, ALICE, BOB, 10));          // a duplicate: still recognised as one
            second.pipe(transferOnFork(1, 3, 1, 0, BOB, CAROL, 4));  // block 3 on another fork: a reorg to 2
            second.tick();
            second.tick();

            assertThat(sink.submitted()).hasSize(1);
            assertThat(sink.offset()).isEqualTo(4);
            // Everything left unwritten by the first incarnation reached the sink after the restart.
            assertThat(sink.table("Balance").keySet()).containsExactlyInAnyOrder(
                    Erc20Fixture.balanceId(1, ALICE), Erc20Fixture.balanceId(1, BOB), Erc20Fixture.balanceId(1, CAROL));
            assertThat(amount(sink, BOB)).isEqualTo(BigInteger.valueOf(6));
            assertThat(amount(sink, ALICE)).isEqualTo(BigInteger.valueOf(90));
            assertThat(sink.table("Transfer")).containsOnlyKeys("1-1-0", "1-2-0", "1-3-0");
            assertThat(sink.table("Token").get(Erc20Fixture.tokenId(1)).get("totalTransfers")).isEqualTo(3L);
            assertThat(sink.chains().get(1L).block()).isEqualTo(3);
            assertThat(sink.chains().get(1L).blockHash()).isEqualTo(Inputs.hash(1, 3, 1));
        }
    }

    @Test
    void aRestartWithEverythingWrittenSubmitsNoBatch() {
        MemorySink first = MemorySink.automatic();
        try (Incarnation before = new Incarnation(first, 0)) {
            before.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            before.tick();
            before.tick();
            assertThat(first.offset()).isZero();
        }

        MemorySink sink = MemorySink.automatic();
        try (Incarnation after = new Incarnation(sink, 1)) {
            after.tick();
            after.tick();
            assertThat(sink.submitted()).isEmpty();
            after.pipe(Inputs.block(1, 2, 0, 0));
            after.tick();
            assertThat(sink.submitted()).as("a new record is still written").hasSize(1);
            assertThat(sink.offset()).isEqualTo(1);
        }
    }

    @Test
    void exactlyTheUnwrittenChangesAndARollbacksRestorationsAreWrittenAfterARestart() {
        MemorySink first = MemorySink.manual();
        try (Incarnation before = new Incarnation(first, 0)) {
            before.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            before.pipe(transfer(1, 2, 0, ALICE, BOB, 10));
            before.tick();
            first.completeNext();
            before.tick();
            before.pipe(transfer(1, 3, 0, ZERO, CAROL, 7));   // unwritten: only its undo entry records it
            before.pipe(Inputs.reorg(1, 2));                    // undoes block 3: nothing of Carol left to write
            before.pipe(Inputs.reorg(1, 1));                    // restores what block 2 changed, already written
        }

        MemorySink sink = MemorySink.automatic();
        try (Incarnation after = new Incarnation(sink, 5)) {
            after.tick();
            List<String> written = sink.submitted().get(0).changes().stream()
                    .map(c -> c.entity().name() + "/" + c.id() + (c.isDelete() ? " deleted" : "")).toList();
            assertThat(written).containsExactlyInAnyOrder(
                    "Token/" + Erc20Fixture.tokenId(1),
                    "Balance/" + Erc20Fixture.balanceId(1, ALICE),
                    "Balance/" + Erc20Fixture.balanceId(1, BOB) + " deleted",
                    "Balance/" + Erc20Fixture.balanceId(1, CAROL) + " deleted",
                    "Transfer/1-2-0 deleted",
                    "Transfer/1-3-0 deleted");
            assertThat(amount(sink, ALICE)).isEqualTo(BigInteger.valueOf(100));
            assertThat(sink.table("Token").get(Erc20Fixture.tokenId(1)).get("totalTransfers")).isEqualTo(1L);
        }
    }

    private static BigInteger amount(MemorySink sink, String holder) {
        return Rows.table(sink.table("Balance")).get(Erc20Fixture.balanceId(1, holder)).get("amount") instanceof BigInteger b ? b : null;
    }
}
