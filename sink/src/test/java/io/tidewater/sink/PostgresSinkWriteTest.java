package io.tidewater.sink;

import static io.tidewater.sink.Changes.batch;
import static io.tidewater.sink.Changes.create;
import static io.tidewater.sink.Changes.delete;
import static io.tidewater.sink.Changes.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Balance;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.Token;
import io.tidewater.examples.erc20.Transfer;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinkWriteTest {
    @SuppressWarnings("unchecked")
    static final EntityDefinition<Token> TOKEN = (EntityDefinition<Token>) new Erc20Indexer().entities().get(0);
    @SuppressWarnings("unchecked")
    static final EntityDefinition<Balance> BALANCE = (EntityDefinition<Balance>) new Erc20Indexer().entities().get(1);
    @SuppressWarnings("unchecked")
    static final EntityDefinition<Transfer> TRANSFER = (EntityDefinition<Transfer>) new Erc20Indexer().entities().get(2);
    static final List<EntityDefinition<?>> ENTITIES = List.of(TOKEN, BALANCE, TRANSFER);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private final List<PostgresSink> sinks = new ArrayList<>();
    private String schema;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void freshSchema() {
        schema = db.newSchema();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void closeSinks() {
        sinks.forEach(PostgresSink::close);
    }

    @Test
    void upsertsAndDeletesLandExactly() throws Exception {
        PostgresSink sink = open(registry);
        assertThat(write(sink, batch(0, 10, List.of(
                upsert(TOKEN, token("1-0xa", 2, "300", 2)),
                upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "100")),
                upsert(BALANCE, balance("1-0xa-0x2", "1-0xa", "0x2", "200")),
                upsert(TRANSFER, transfer("1-100-0", "0x0", "0x1", "100")),
                upsert(TRANSFER, transfer("1-100-1", "0x0", "0x2", "200"))), new ChainCheckpoint(1, 100, "0xh100"))))
                .isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(write(sink, batch(0, 11, List.of(
                upsert(TOKEN, token("1-0xa", 3, "400", 1)),
                delete(BALANCE, "1-0xa-0x1"),
                upsert(BALANCE, balance("1-0xa-0x2", "1-0xa", "0x2", "300")),
                upsert(TRANSFER, transfer("1-101-0", "0x1", "0x2", "100")),
                delete(BALANCE, "1-0xa-0x9")), new ChainCheckpoint(1, 101, "0xh101"))))
                .isEqualTo(BatchOutcome.Status.WRITTEN);

        assertThat(db.rows("SELECT * FROM \"" + schema + "\".\"token\"")).containsExactly("1-0xa|1|0xa|3|400|1");
        assertThat(db.rows("SELECT * FROM \"" + schema + "\".\"balance\" ORDER BY id")).containsExactly("1-0xa-0x2|1-0xa|0x2|300");
        assertThat(db.rows("SELECT \"id\", \"from\", \"to\", \"value\" FROM \"" + schema + "\".\"transfer\" ORDER BY id"))
                .containsExactly("1-100-0|0x0|0x1|100", "1-100-1|0x0|0x2|200", "1-101-0|0x1|0x2|100");
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Balance", SinkMetrics.OPERATION, "upsert").counter().count())
                .isEqualTo(3);
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Balance", SinkMetrics.OPERATION, "delete").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(SinkMetrics.WRITE_DURATION).tags(SinkMetrics.OUTCOME, "written").timer().count()).isEqualTo(2);
        assertThat(registry.get(SinkMetrics.BATCH_SIZE).summary().totalAmount()).isEqualTo(10);
    }

    @Test
    void createdRowsAreInsertedBesideUpsertsAndDeletes() throws Exception {
        PostgresSink sink = open(registry);
        write(sink, batch(0, 1, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "5")),
                upsert(BALANCE, balance("1-0xa-0x2", "1-0xa", "0x2", "6")))));
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            changes.add(create(TRANSFER, transfer("1-200-" + i, "0x0", "0x" + i, Integer.toString(i))));
        }
        changes.add(create(BALANCE, balance("1-0xa-0x3", "1-0xa", "tab\there", "8")));
        changes.add(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "7")));
        changes.add(delete(BALANCE, "1-0xa-0x2"));

        assertThat(write(sink, batch(0, 2, changes))).isEqualTo(BatchOutcome.Status.WRITTEN);

        assertThat(db.rows("SELECT \"id\", \"holder\", \"amount\" FROM \"" + schema + "\".\"balance\" ORDER BY 1"))
                .containsExactly("1-0xa-0x1|0x1|7", "1-0xa-0x3|tab\there|8");
        assertThat(db.query("SELECT count(*) FROM \"" + schema + "\".\"transfer\"")).isEqualTo("1500");
        assertThat(db.rows("SELECT \"to\", \"value\" FROM \"" + schema + "\".\"transfer\" WHERE \"id\" = '1-200-1499'"))
                .containsExactly("0x1499|1499");
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Transfer", SinkMetrics.OPERATION, "insert").counter().count())
                .isEqualTo(1500);
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Balance", SinkMetrics.OPERATION, "insert").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Balance", SinkMetrics.OPERATION, "upsert").counter().count())
                .isEqualTo(3);
    }

    @Test
    void aCreatedRowThatIsThereAfterAllIsUpsertedWithTheWholeBatch() throws Exception {
        PostgresSink sink = open(registry);
        write(sink, batch(0, 1, List.of(upsert(TRANSFER, transfer("1-300-0", "0x0", "0x1", "1")))));
        // As after a crash between the Postgres commit and the Kafka commit: the replayed input
        // recreates the row, and the progress fence does not catch a batch cut further on.
        List<EntityChange> changes = List.of(create(TRANSFER, transfer("1-300-0", "0x0", "0x1", "1")),
                create(TRANSFER, transfer("1-300-1", "0x1", "0x2", "2")), upsert(TOKEN, token("1-0xa", 2, "3", 2)));

        assertThat(write(sink, batch(0, 5, changes, new ChainCheckpoint(1, 300, "0xh300")))).isEqualTo(BatchOutcome.Status.WRITTEN);

        assertThat(db.rows("SELECT \"id\", \"value\" FROM \"" + schema + "\".\"transfer\" ORDER BY 1"))
                .containsExactly("1-300-0|1", "1-300-1|2");
        assertThat(db.rows("SELECT \"id\", \"total_transfers\" FROM \"" + schema + "\".\"token\"")).containsExactly("1-0xa|2");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("5");
        assertThat(registry.get(SinkMetrics.ROWS).tags(SinkMetrics.ENTITY, "Transfer", SinkMetrics.OPERATION, "upsert").counter().count())
                .as("the fallback's rows, and the first batch's").isEqualTo(3);
        assertThat(registry.find(SinkMetrics.RETRIES).counters()).as("not a retry: nothing transient failed").isEmpty();
    }

    @Test
    void progressAndChainHeadsAreWrittenWithTheBatch() throws Exception {
        PostgresSink sink = open(registry);
        write(sink, batch(0, 41, List.of(upsert(TOKEN, token("1-0xa", 1, "1", 1))), new ChainCheckpoint(1, 99, "0xh99")));
        write(sink, batch(0, 42, List.of(upsert(TOKEN, token("1-0xa", 2, "2", 1))),
                new ChainCheckpoint(1, 100, "0xh100"), new ChainCheckpoint(5, 7, null)));
        write(sink, batch(3, 8, List.of(), new ChainCheckpoint(10, 1000, "0xh1000")));

        assertThat(db.rows("SELECT \"topic\", \"partition\", \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\" ORDER BY 2"))
                .containsExactly(Changes.TOPIC + "|0|42", Changes.TOPIC + "|3|8");
        assertThat(db.rows("SELECT \"chain_id\", \"partition\", \"written_block\", \"written_hash\" FROM \"" + schema
                + "\".\"tidewater_chain_progress\" ORDER BY 1"))
                .containsExactly("1|0|100|0xh100", "5|0|7|null", "10|3|1000|0xh1000");
        assertThat(db.rows("SELECT \"chain_id\", \"written_block\", \"written_hash\", \"written_offset\", \"updated_at\" IS NOT NULL FROM \""
                + schema + "\".\"tidewater_chains\" ORDER BY 1"))
                .containsExactly("1|100|0xh100|42|t", "5|7|null|42|t", "10|1000|0xh1000|8|t");
        assertThat(registry.get(SinkMetrics.WRITTEN_OFFSET).tags("topic", Changes.TOPIC, "partition", "0").gauge().value()).isEqualTo(42);
        assertThat(registry.get(SinkMetrics.WRITTEN_BLOCK).tags("chain", "1").gauge().value()).isEqualTo(100);
        assertThat(registry.get(SinkMetrics.IN_FLIGHT).gauge().value()).isZero();
    }

    @Test
    void aBatchAtOrBelowTheStoredOffsetIsSkipped() throws Exception {
        PostgresSink sink = open(registry);
        write(sink, batch(0, 10, List.of(upsert(TOKEN, token("1-0xa", 1, "10", 1))), new ChainCheckpoint(1, 50, "0xh50")));
        String before = dumpAll();

        assertThat(write(sink, batch(0, 10, List.of(upsert(TOKEN, token("1-0xa", 9, "999", 9))), new ChainCheckpoint(1, 60, "0xX"))))
                .isEqualTo(BatchOutcome.Status.SKIPPED);
        assertThat(write(sink, batch(0, 7, List.of(delete(TOKEN, "1-0xa")), new ChainCheckpoint(1, 40, "0xY"))))
                .isEqualTo(BatchOutcome.Status.SKIPPED);

        assertThat(dumpAll()).isEqualTo(before);
        assertThat(registry.get(SinkMetrics.SKIPPED).counter().count()).isEqualTo(2);
        // Another partition has its own progress.
        assertThat(write(sink, batch(1, 7, List.of(upsert(TOKEN, token("2-0xb", 1, "1", 1)))))).isEqualTo(BatchOutcome.Status.WRITTEN);
    }

    @Test
    void theSameBatchWrittenTwiceGivesTheSameRows() throws Exception {
        List<EntityChange> changes = List.of(upsert(TOKEN, token("1-0xa", 2, "300", 2)),
                upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "100")), upsert(TRANSFER, transfer("1-100-0", "0x0", "0x1", "100")),
                delete(BALANCE, "1-0xa-0x3"));
        PostgresSink sink = open(registry);
        write(sink, batch(0, 5, List.of(upsert(BALANCE, balance("1-0xa-0x3", "1-0xa", "0x3", "7")))));
        write(sink, batch(0, 6, changes, new ChainCheckpoint(1, 100, "0xh")));
        String once = dumpAll();

        // Replayed after a crash: skipped by progress.
        assertThat(write(sink, batch(0, 6, changes, new ChainCheckpoint(1, 100, "0xh")))).isEqualTo(BatchOutcome.Status.SKIPPED);
        assertThat(dumpAll()).isEqualTo(once);
        // Even without the progress fence, the upserts themselves are idempotent.
        db.execute("DELETE FROM \"" + schema + "\".\"tidewater_progress\"");
        assertThat(write(sink, batch(0, 6, changes, new ChainCheckpoint(1, 100, "0xh")))).isEqualTo(BatchOutcome.Status.WRITTEN);
        assertThat(dumpAll()).isEqualTo(once);
    }

    @Test
    void aStaleWritersBatchIsRefusedAndChangesNothing() throws Exception {
        PostgresSink zombie = open(new SimpleMeterRegistry());
        PostgresSink current = open(registry);
        write(zombie, batch(0, 10, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "100"))), new ChainCheckpoint(1, 10, "0x10")));

        // The partition moved: the new owner writes a newer snapshot first.
        write(current, batch(0, 20, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "250")),
                delete(TOKEN, "1-0xa")), new ChainCheckpoint(1, 20, "0x20")));
        String newer = dumpAll();

        // The zombie, unaware, writes what it processed in between.
        assertThat(write(zombie, batch(0, 15, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "175")),
                upsert(TOKEN, token("1-0xa", 1, "1", 1))), new ChainCheckpoint(1, 15, "0x15"))))
                .isEqualTo(BatchOutcome.Status.SKIPPED);

        assertThat(dumpAll()).isEqualTo(newer);
        assertThat(db.rows("SELECT \"amount\" FROM \"" + schema + "\".\"balance\"")).containsExactly("250");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("20");
        assertThat(db.rows("SELECT \"written_block\" FROM \"" + schema + "\".\"tidewater_chain_progress\"")).containsExactly("20");
    }

    @Test
    void duplicateChangesForOneIdKeepTheLast() throws Exception {
        PostgresSink sink = open(registry);
        write(sink, batch(0, 1, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "1")),
                upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "2")),
                upsert(BALANCE, balance("1-0xa-0x2", "1-0xa", "0x2", "5")),
                delete(BALANCE, "1-0xa-0x2"))));
        assertThat(db.rows("SELECT \"id\", \"amount\" FROM \"" + schema + "\".\"balance\" ORDER BY 1")).containsExactly("1-0xa-0x1|2");
    }

    @Test
    void callbacksRunOnceOnTheWriterThreadInSubmissionOrder() throws Exception {
        PostgresSink sink = open(registry);
        List<RecordingCallback> callbacks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingCallback cb = new RecordingCallback();
            callbacks.add(cb);
            sink.submit(batch(i % 2, 100 + i, List.of(upsert(TOKEN, token("1-0x" + i, i, Integer.toString(i), 1)))), cb);
        }
        for (RecordingCallback cb : callbacks) {
            assertThat(cb.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        Thread.sleep(100);
        assertThat(callbacks).allSatisfy(cb -> {
            assertThat(cb.calls()).isEqualTo(1);
            assertThat(cb.thread()).isEqualTo("tidewater-sink-writer");
        });
        assertThat(db.query("SELECT count(*) FROM \"" + schema + "\".\"token\"")).isEqualTo("20");
        assertThat(db.rows("SELECT \"partition\", \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\" ORDER BY 1"))
                .containsExactly("0|118", "1|119");
    }

    @Test
    void anEntityTheSinkDoesNotKnowFailsNamingIt() throws Exception {
        PostgresSink sink = PostgresSink.open(db.config(schema), List.of(TOKEN), registry);
        sinks.add(sink);
        RecordingCallback cb = new RecordingCallback();
        sink.submit(batch(0, 1, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "1")))), cb);
        assertThat(cb.error()).isInstanceOf(PostgresSinkException.class).hasMessageContaining("entity Balance");
    }

    @Test
    void aValueThatCannotBeDecodedPartWayThroughACopyFailsNamingItAndWritesNothing() throws Exception {
        PostgresSink sink = open(registry);
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            changes.add(create(TRANSFER, transfer("1-" + (1_000 + i) + "-0", "0x0", "0x1", "1")));
        }
        // Last in id order, so the COPY has sent several chunks when it reaches it.
        changes.add(new EntityChange(TRANSFER, "1-9999-0", new byte[] {1, 2, 3}, true));
        RecordingCallback cb = new RecordingCallback();
        sink.submit(batch(0, 1, changes), cb);

        assertThat(cb.error()).isInstanceOf(PostgresSinkException.class)
                .hasMessageContaining("entity Transfer, id '1-9999-0': cannot decode its Avro value");
        assertThat(db.rows("SELECT count(*) FROM \"" + schema + "\".\"transfer\"")).containsExactly("0");
        assertThat(db.rows("SELECT count(*) FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("0");
    }

    private PostgresSink open(SimpleMeterRegistry meters) {
        PostgresSink sink = PostgresSink.open(db.config(schema), ENTITIES, meters);
        sinks.add(sink);
        return sink;
    }

    private static BatchOutcome.Status write(PostgresSink sink, Batch batch) throws Exception {
        RecordingCallback cb = new RecordingCallback();
        sink.submit(batch, cb);
        return cb.outcome().status();
    }

    private String dumpAll() throws Exception {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("token", "balance", "transfer", "tidewater_progress", "tidewater_chain_progress")) {
            out.append(table).append(": ").append(db.dump(schema, table).replaceAll("\"updated_at\":\"[^\"]*\"", "")).append('\n');
        }
        return out.toString();
    }

    static Token token(String id, long transfers, String volume, long holders) {
        return Token.newBuilder().setId(id).setChainId(1).setAddress(id.substring(id.indexOf('-') + 1)).setTotalTransfers(transfers)
                .setVolume(new BigDecimal(volume)).setHolders(holders).build();
    }

    static Balance balance(String id, String token, String holder, String amount) {
        return Balance.newBuilder().setId(id).setToken(token).setHolder(holder).setAmount(new BigDecimal(amount)).build();
    }

    static Transfer transfer(String id, String from, String to, String value) {
        String[] parts = id.split("-");
        return Transfer.newBuilder().setId(id).setChainId(1).setBlockNumber(Long.parseLong(parts[1])).setLogIndex(Long.parseLong(parts[2]))
                .setToken("1-0xa").setFrom(from).setTo(to).setValue(new BigDecimal(value)).setBlockTimestamp(1_700_000_000L).build();
    }
}
