package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.CAROL;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.balance;
import static io.tidewater.examples.erc20.Erc20Fixture.balanceId;
import static io.tidewater.examples.erc20.Erc20Fixture.snapshot;
import static io.tidewater.examples.erc20.Erc20Fixture.tokenId;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static io.tidewater.examples.erc20.Erc20Fixture.transferOnFork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.FlowControl;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.SinkFailedException;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.Inputs;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dirty set, batch completion, sink failures, shutdown and restart. */
class Erc20StateTest {
    @TempDir
    Path stateDir;

    @Test
    void afterARollbackTheDirtySetHoldsExactlyTheRestoredAndRemovedEntities() {
        MemorySink sink = MemorySink.automatic();
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir)) {
            driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            driver.pipe(transfer(1, 1, 1, ZERO, CAROL, 1));
            driver.pipe(transfer(1, 2, 0, ALICE, BOB, 30));
            driver.tick();
            driver.tick();
            assertThat(driver.dirty()).isEmpty();

            driver.pipe(Inputs.reorg(1, 1));

            assertThat(driver.dirty()).containsExactlyInAnyOrder(
                    "Token/" + tokenId(1),
                    "Balance/" + balanceId(1, ALICE),
                    "Balance/" + balanceId(1, BOB),
                    "Transfer/1-2-0");
            driver.tick();
            driver.tick();
            assertThat(sink.table("Balance")).doesNotContainKey(balanceId(1, BOB));
            assertThat(sink.table("Transfer")).doesNotContainKey("1-2-0");
            assertThat(driver.dirty()).isEmpty();
        }
    }

    @Test
    void aRollbackIsWrittenWithoutWaitingForTheIntervalUnlessTurnedOff() {
        for (boolean cutOnRollback : new boolean[] {true, false}) {
            MemorySink sink = MemorySink.automatic();
            try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir.resolve("" + cutOnRollback),
                    Map.of("batch.cut.on.rollback", cutOnRollback))) {
                driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
                driver.pipe(transfer(1, 2, 0, ALICE, BOB, 30));
                driver.tick();
                assertThat(sink.submitted()).hasSize(1);

                driver.pipe(Inputs.reorg(1, 1));

                if (cutOnRollback) {
                    assertThat(sink.submitted()).as("cut by the rollback itself").hasSize(2);
                    assertThat(sink.offset()).isEqualTo(2);
                    assertThat(sink.table("Balance")).containsOnlyKeys(balanceId(1, ALICE));
                } else {
                    assertThat(sink.submitted()).as("left to the interval").hasSize(1);
                    driver.tick();
                    assertThat(sink.submitted()).hasSize(2);
                }
            }
        }
    }

    @Test
    void unwrittenChangesUndoneByARollbackNeverReachTheSink() {
        MemorySink sink = MemorySink.automatic();
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir)) {
            driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            driver.pipe(transfer(1, 2, 0, ALICE, CAROL, 30));
            driver.pipe(Inputs.reorg(1, 1));
            driver.tick();

            assertThat(sink.submitted()).hasSize(1);
            assertThat(sink.table("Balance")).containsOnlyKeys(balanceId(1, ALICE));
            assertThat(sink.table("Transfer")).containsOnlyKeys("1-1-0");
        }
    }

    @Test
    void aCompletionKeepsEntriesThatChangedAfterTheCut() {
        MemorySink sink = MemorySink.manual();
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir,
                Map.of("shutdown.flush.timeout.ms", 0))) {
            driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            driver.pipe(transfer(1, 1, 1, ZERO, CAROL, 5));
            driver.tick();
            assertThat(sink.pendingCount()).isEqualTo(1);

            // While the write is in flight, Alice and the token change again; Carol does not.
            driver.pipe(transfer(1, 2, 0, ALICE, BOB, 10));
            driver.tick();
            assertThat(sink.pendingCount()).as("one write in flight at a time").isEqualTo(1);
            Batch first = sink.completeNext();
            assertThat(first.changes()).hasSize(5);
            driver.tick();

            assertThat(driver.dirty()).containsExactlyInAnyOrder(
                    "Token/" + tokenId(1), "Balance/" + balanceId(1, ALICE), "Balance/" + balanceId(1, BOB), "Transfer/1-2-0");
            sink.completeNext();
            driver.tick();
            assertThat(driver.dirty()).isEmpty();
            assertThat(sink.table("Balance").get(balanceId(1, ALICE)).get("amount")).isNotNull();
            assertThat(Rows.table(sink.table("Balance"))).isEqualTo(Rows.table(driver.entities(Balance.class)));
        }
    }

    @Test
    void aFailedWriteIsStickyAndNoRollbackRunsAfterIt() {
        MemorySink sink = MemorySink.manual();
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir,
                Map.of("shutdown.flush.timeout.ms", 0))) {
            driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            driver.pipe(transfer(1, 2, 0, ALICE, BOB, 10));
            driver.tick();
            sink.failNext(new IllegalStateException("balance: SQLSTATE 23514 check violation"));
            Map<String, Object> before = snapshot(driver);

            assertThatThrownBy(() -> driver.pipe(Inputs.reorg(1, 1)))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(e).hasStackTraceContaining(SinkFailedException.class.getName())
                            .hasStackTraceContaining("23514"));
            assertThat(snapshot(driver)).isEqualTo(before);
            assertThat(driver.dirty()).hasSize(5);
            assertThatThrownBy(() -> driver.pipe(transfer(1, 3, 0, BOB, ALICE, 1)))
                    .hasStackTraceContaining("23514");
            assertThat(sink.offset()).isEqualTo(-1);
        }
    }

    @Test
    void closingFlushesEveryUnwrittenChange() {
        MemorySink sink = MemorySink.automatic();
        TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir);
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 10));
        Map<String, Object> state = snapshot(driver);
        assertThat(sink.submitted()).isEmpty();

        driver.close();

        assertThat(sink.offset()).isEqualTo(1);
        assertThat(sink.table("Balance")).containsOnlyKeys(balanceId(1, ALICE), balanceId(1, BOB));
        assertThat(sink.table("Transfer")).hasSize(2);
        assertThat(state).hasSize(5);
    }

    @Test
    void aRecordThatFailsPartWayIsNotHalfWrittenOnClose() {
        MemorySink sink = MemorySink.automatic();
        List<String> unflushed = new ArrayList<>();
        // A listener that throws once a log's changes are applied, before its chain moves: as a send
        // through a fenced producer throws when the entity index reaches its changelog.
        IndexerListener listener = new IndexerListener() {
            private int logs;

            @Override
            public void logApplied(long chainId, String event) {
                if (++logs == 2) {
                    throw new IllegalStateException("producer fenced");
                }
            }

            @Override
            public void flushFailed(int partition, long unwritten, Throwable cause) {
                unflushed.add(cause.getMessage());
            }
        };
        TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), new TopologyPorts(sink, FlowControl.NONE, listener),
                stateDir, Map.of("shutdown.flush.timeout.ms", 2_000));
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
        assertThatThrownBy(() -> driver.pipe(transfer(1, 2, 0, ALICE, BOB, 10))).hasRootCauseMessage("producer fenced");

        driver.close();

        assertThat(sink.submitted()).as("no batch holds the second transfer's half").isEmpty();
        assertThat(unflushed).containsExactly("task 0_0: the record at offset 1 failed part-way; nothing was flushed on close");
    }

    @Test
    void inputRecordsSinceTheWrittenOffsetPauseProcessingWhileAWriteIsInFlight() {
        MemorySink sink = MemorySink.manual();
        List<String> pauses = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        FlowControl flow = new FlowControl() {
            @Override
            public void requestPause(String task) {
                pauses.add(task);
            }

            @Override
            public void release(String task) {
                releases.add(task);
            }
        };
        TopologyPorts ports = new TopologyPorts(sink, flow, IndexerListener.NONE);
        try (TidewaterTestDriver driver = new TidewaterTestDriver(new Erc20Indexer(), ports, stateDir,
                Map.of("capacity.target", 50, "batch.size.trigger", 10, "shutdown.flush.timeout.ms", 0))) {
            driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
            driver.tick();
            assertThat(sink.pendingCount()).isEqualTo(1);
            var dirtyWhileWriting = driver.dirty();

            // Block records change no entity, so only the count of records since the written offset can pause.
            for (long block = 2; block <= 49; block++) {
                driver.pipe(Inputs.block(1, block, 0, 0));
            }
            assertThat(pauses).as("49 records since the written offset (none yet)").isEmpty();
            driver.pipe(Inputs.block(1, 50, 0, 0));
            assertThat(pauses).as("the 50th record").hasSize(1);
            assertThat(driver.dirty()).isEqualTo(dirtyWhileWriting);

            driver.pipe(Inputs.block(1, 51, 0, 0));
            assertThat(pauses).as("asked once per write in flight").hasSize(1);
            sink.completeNext();
            assertThat(releases).hasSize(1);
            driver.tick();
            assertThat(driver.chain(1).orElseThrow().getWrittenOffset()).isZero();
        }
    }
}
