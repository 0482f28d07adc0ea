package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.sink.fixtures.Swap;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.EntityDefinition;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaManagerTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = db.newSchema();
    }

    @Test
    void createsTablesIndexesAndInternalTables() throws Exception {
        apply(new Erc20Indexer().entities());
        assertThat(db.rows("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                + "WHERE table_schema = '" + schema + "' AND table_name IN ('token', 'balance') ORDER BY table_name, ordinal_position"))
                .containsExactly(
                        "balance|id|text|NO", "balance|token|text|NO", "balance|holder|text|NO", "balance|amount|numeric|NO",
                        "token|id|text|NO", "token|chain_id|bigint|NO", "token|address|text|NO", "token|total_transfers|bigint|NO",
                        "token|volume|numeric|NO", "token|holders|bigint|NO");
        assertThat(db.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' ORDER BY indexname"))
                .contains("balance_pkey", "balance_token_idx", "token_pkey", "transfer_pkey", "tidewater_progress_pkey",
                        "tidewater_chain_progress_pkey");
        assertThat(db.rows("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name LIKE 'tidewater%' ORDER BY table_name"))
                .containsExactly("tidewater_chain_progress|BASE TABLE", "tidewater_chains|VIEW", "tidewater_progress|BASE TABLE");
    }

    @Test
    void applyingTwiceChangesNothing() throws Exception {
        apply(new Erc20Indexer().entities());
        String before = shape();
        apply(new Erc20Indexer().entities());
        assertThat(shape()).isEqualTo(before);
    }

    @Test
    void reservedWordColumnsAndEveryTypeRoundTrip() throws Exception {
        EntityDefinition<Swap> swap = EntityDefinition.of(Swap.class, "from", "order");
        Swap row = Swap.newBuilder().setId("s1").setFrom("0xfrom").setTo("0xto").setValue(new BigDecimal("115792089237316195423570985008687907853269984665640564039457584007913129639935"))
                .setOrder(-7).setSelect(true).setRatio(Double.NaN).setWeight(1.5e-5f).setBlockNumber(Long.MAX_VALUE)
                .setPayload(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, '\\', '\t'})).setMemo("tab\there, newline\nhere, back\\slash, \"quoted\", ünïcode")
                .setFee(new BigDecimal("-12.3400")).setTags(List.of("a,b", "{c}", "\"d\"", "e\\f", "", "NULL"))
                .setAmounts(List.of(1L, -2L, Long.MIN_VALUE)).setPrices(null).build();
        Swap other = Swap.newBuilder(row).setId("s2").setRatio(Double.NEGATIVE_INFINITY).setMemo(null).setFee(null)
                .setTags(List.of()).setPrices(List.of(new BigDecimal("1"), new BigDecimal("-99999999999999999999999999"))).build();
        try (PostgresSink sink = PostgresSink.open(db.config(schema), List.of(swap), new SimpleMeterRegistry())) {
            RecordingCallback done = new RecordingCallback();
            sink.submit(Changes.batch(0, 1, List.of(Changes.upsert(swap, row), Changes.upsert(swap, other))), done);
            assertThat(done.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        assertThat(db.rows("SELECT \"id\", \"from\", \"to\", \"value\", \"order\", \"select\", \"ratio\", \"weight\", \"block_number\", "
                + "encode(\"payload\", 'hex'), \"memo\", \"fee\", \"tags\", \"amounts\", \"prices\" FROM \"" + schema + "\".\"swap\" ORDER BY \"id\""))
                .containsExactly(
                        "s1|0xfrom|0xto|115792089237316195423570985008687907853269984665640564039457584007913129639935|-7|t|NaN|1.5e-05|"
                                + Long.MAX_VALUE + "|00ff5c09|tab\there, newline\nhere, back\\slash, \"quoted\", ünïcode|-12.3400|"
                                + "{\"a,b\",\"{c}\",\"\\\"d\\\"\",\"e\\\\f\",\"\",\"NULL\"}|{1,-2," + Long.MIN_VALUE + "}|null",
                        "s2|0xfrom|0xto|115792089237316195423570985008687907853269984665640564039457584007913129639935|-7|t|-Infinity|1.5e-05|"
                                + Long.MAX_VALUE + "|00ff5c09|null|null|{}|{1,-2," + Long.MIN_VALUE + "}|{1,-99999999999999999999999999}");
        assertThat(db.query("SELECT \"tags\"[6] IS NULL FROM \"" + schema + "\".\"swap\" WHERE \"id\" = 's1'")).isEqualTo("f");
        assertThat(db.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' AND tablename = 'swap' ORDER BY 1"))
                .containsExactly("swap_from_idx", "swap_order_idx", "swap_pkey");
    }

    @Test
    void aNewFieldAddsANullableColumnAndOldRowsKeepNull() throws Exception {
        EntityDefinition<io.tidewater.sink.fixtures.v1.Holding> v1 = EntityDefinition.of(io.tidewater.sink.fixtures.v1.Holding.class);
        try (PostgresSink sink = PostgresSink.open(db.config(schema), List.of(v1), new SimpleMeterRegistry())) {
            RecordingCallback done = new RecordingCallback();
            sink.submit(Changes.batch(0, 1, List.of(Changes.upsert(v1, io.tidewater.sink.fixtures.v1.Holding.newBuilder().setId("h1")
                    .setOwner("alice").setAmount(10).build()))), done);
            assertThat(done.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        EntityDefinition<io.tidewater.sink.fixtures.v2.Holding> v2 = EntityDefinition.of(io.tidewater.sink.fixtures.v2.Holding.class);
        try (PostgresSink sink = PostgresSink.open(db.config(schema), List.of(v2), new SimpleMeterRegistry())) {
            RecordingCallback done = new RecordingCallback();
            sink.submit(Changes.batch(0, 2, List.of(Changes.upsert(v2, io.tidewater.sink.fixtures.v2.Holding.newBuilder().setId("h2")
                    .setOwner("bob").setAmount(20).setNote("new").setLevel(3).build()))), done);
            assertThat(done.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
        }
        assertThat(db.rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '"
                + schema + "' AND table_name = 'holding' ORDER BY ordinal_position"))
                .containsExactly("id|text|NO", "owner|text|NO", "amount|bigint|NO", "note|text|YES", "level|integer|YES");
        assertThat(db.rows("SELECT * FROM \"" + schema + "\".\"holding\" ORDER BY \"id\""))
                .containsExactly("h1|alice|10|null|null", "h2|bob|20|new|3");
    }

    @Test
    void aTypeChangeFailsNamingTableAndColumnAndChangesNothing() throws Exception {
        apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v1.Holding.class)));
        String before = shape();
        assertThatThrownBy(() -> apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v3.Holding.class))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table \"holding\", column \"amount\" is bigint but field 'amount' of entity Holding needs text");
        assertThat(shape()).isEqualTo(before);
        // Through the sink, startup fails the same way, before any write.
        assertThatThrownBy(() -> PostgresSink.open(db.config(schema),
                List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v3.Holding.class)), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("column \"amount\"");
    }

    @Test
    void aRemovedNotNullFieldAndAMissingKeyFail() throws Exception {
        apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v1.Holding.class)));
        assertThatThrownBy(() -> apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v4.Holding.class))))
                .hasMessageContaining("table \"holding\", column \"owner\" is NOT NULL without a default");
        db.execute("ALTER TABLE \"" + schema + "\".\"holding\" DROP CONSTRAINT holding_pkey");
        assertThatThrownBy(() -> apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v1.Holding.class))))
                .hasMessageContaining("table \"holding\", column \"id\" has no primary key or unique index");
    }

    @Test
    void aNullableFieldOverANotNullColumnFails() throws Exception {
        apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v1.Holding.class)));
        db.execute("ALTER TABLE \"" + schema + "\".\"holding\" ADD COLUMN \"note\" text NOT NULL DEFAULT ''");
        assertThatThrownBy(() -> apply(List.of(EntityDefinition.of(io.tidewater.sink.fixtures.v2.Holding.class))))
                .hasMessageContaining("table \"holding\", column \"note\" is NOT NULL but field 'note' of entity Holding is nullable");
    }

    private void apply(List<EntityDefinition<?>> entities) throws Exception {
        try (Connection c = db.connect()) {
            new SchemaManager(schema, entities).apply(c);
        }
    }

    private String shape() throws Exception {
        return String.join("\n", db.rows("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                + "WHERE table_schema = '" + schema + "' ORDER BY table_name, ordinal_position"))
                + String.join("\n", db.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' ORDER BY 1"));
    }
}
