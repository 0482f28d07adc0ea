package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.sink.fixtures.Swap;
import io.tidewater.topology.api.EntityDefinition;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void snakeCasesEntityAndFieldNames() {
        assertThat(Identifiers.snakeCase("Token")).isEqualTo("token");
        assertThat(Identifiers.snakeCase("totalTransfers")).isEqualTo("total_transfers");
        assertThat(Identifiers.snakeCase("chainId")).isEqualTo("chain_id");
        assertThat(Identifiers.snakeCase("blockNumber")).isEqualTo("block_number");
        assertThat(Identifiers.snakeCase("HTTPServer")).isEqualTo("http_server");
        assertThat(Identifiers.snakeCase("ERC20Token")).isEqualTo("erc20_token");
        assertThat(Identifiers.snakeCase("token0Amount")).isEqualTo("token0_amount");
        assertThat(Identifiers.snakeCase("already_snake")).isEqualTo("already_snake");
        assertThat(Identifiers.snakeCase("from")).isEqualTo("from");
    }

    @Test
    void erc20MapsToTheDocumentedTablesAndColumns() {
        List<EntityTable> tables = new SchemaManager("public", new Erc20Indexer().entities()).tables();
        assertThat(tables).extracting(t -> t.name().name()).containsExactly("token", "balance", "transfer");
        assertThat(columns(tables.get(0))).containsExactly("id text", "chain_id bigint", "address text",
                "total_transfers bigint", "volume numeric", "holders bigint");
        assertThat(columns(tables.get(1))).containsExactly("id text", "token text", "holder text", "amount numeric");
        assertThat(columns(tables.get(2))).containsExactly("id text", "chain_id bigint", "block_number bigint",
                "log_index bigint", "token text", "from text", "to text", "value numeric", "block_timestamp bigint");
        assertThat(tables.get(1).indexed()).extracting(c -> c.name().name()).containsExactly("token");
    }

    @Test
    void mapsEveryAvroTypeToItsColumn() {
        EntityTable swap = EntityTable.of(EntityDefinition.of(Swap.class));
        assertThat(swap.columns()).extracting(c -> c.name() + " " + c.type().sqlType() + (c.nullable() ? " null" : ""))
                .containsExactly("id text", "from text", "to text", "value numeric", "order integer", "select boolean",
                        "ratio double precision", "weight real", "block_number bigint", "payload bytea", "memo text null",
                        "fee numeric null", "tags text[]", "amounts bigint[]", "prices numeric[] null");
    }

    @Test
    void rejectsANameLongerThan63Bytes() {
        String longName = "a".repeat(64);
        Schema schema = SchemaBuilder.record("Thing").fields().requiredString("id").requiredLong(longName).endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", schema, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity 'Thing', field '" + longName + "'")
                .hasMessageContaining("longer than 63 bytes");
        Schema ok = SchemaBuilder.record("Thing").fields().requiredString("id").requiredLong("a".repeat(63)).endRecord();
        assertThat(EntityTable.of("Thing", ok, List.of()).columns()).hasSize(2);
    }

    @Test
    void rejectsTwoFieldsThatMapToOneColumn() {
        Schema schema = SchemaBuilder.record("Thing").fields().requiredString("id").requiredLong("fooBar")
                .requiredLong("foo_bar").endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", schema, List.of()))
                .hasMessageContaining("fields 'fooBar' and 'foo_bar' both map to column \"foo_bar\"");
    }

    @Test
    void rejectsTwoEntitiesThatMapToOneTable() {
        Schema a = SchemaBuilder.record("TokenPair").fields().requiredString("id").endRecord();
        Schema b = SchemaBuilder.record("Token_pair").fields().requiredString("id").endRecord();
        assertThat(EntityTable.of("TokenPair", a, List.of()).name()).isEqualTo(EntityTable.of("Token_pair", b, List.of()).name());
        // Through SchemaManager with real definitions: Swap twice is the simplest collision.
        assertThatThrownBy(() -> new SchemaManager("public", List.of(EntityDefinition.of(Swap.class), EntityDefinition.of(Swap.class))))
                .hasMessageContaining("entities 'Swap' and 'Swap' both map to table \"swap\"");
    }

    @Test
    void rejectsCharactersThatWouldNeedEscaping() {
        // Avro's default validator accepts Unicode letters; Postgres names here stay [a-z0-9_].
        Schema unicode = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"naïve\",\"type\":\"long\"}]}");
        assertThatThrownBy(() -> EntityTable.of("Thing", unicode, List.of()))
                .hasMessageContaining("field 'naïve'").hasMessageContaining("only a-z, 0-9 and _");
        Schema quoted = new Schema.Parser(NameValidator.NO_VALIDATION).parse("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"a\\\"; DROP TABLE x; --\",\"type\":\"long\"}]}");
        assertThatThrownBy(() -> EntityTable.of("Thing", quoted, List.of()))
                .hasMessageContaining("field 'a\"; DROP TABLE x; --'");
        assertThatThrownBy(() -> EntityTable.of("Bad-Entity", SchemaBuilder.record("X").fields().requiredString("id").endRecord(), List.of()))
                .hasMessageContaining("entity 'Bad-Entity'");
        assertThatThrownBy(() -> new SchemaManager("Public", List.of())).hasMessageContaining("schema 'Public'");
    }

    @Test
    void reservesTheInternalPrefix() {
        Schema schema = SchemaBuilder.record("TidewaterProgress").fields().requiredString("id").endRecord();
        assertThatThrownBy(() -> EntityTable.of("TidewaterProgress", schema, List.of()))
                .hasMessageContaining("entity 'TidewaterProgress'").hasMessageContaining("tidewater_");
    }

    @Test
    void rejectsTypesWithoutAColumnNamingEntityAndField() {
        Schema map = SchemaBuilder.record("Thing").fields().requiredString("id").name("labels").type().map().values().stringType()
                .noDefault().endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", map, List.of()))
                .hasMessageContaining("entity 'Thing', field 'labels'").hasMessageContaining("\"map\"");
        Schema union = SchemaBuilder.record("Thing").fields().requiredString("id").name("either").type().unionOf().stringType()
                .and().longType().endUnion().noDefault().endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", union, List.of())).hasMessageContaining("field 'either'");
        Schema nested = SchemaBuilder.record("Thing").fields().requiredString("id").name("inner").type().record("Inner").fields()
                .requiredLong("x").endRecord().noDefault().endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", nested, List.of())).hasMessageContaining("field 'inner'");
        Schema nestedArray = SchemaBuilder.record("Thing").fields().requiredString("id").name("matrix").type().array().items()
                .array().items().longType().noDefault().endRecord();
        assertThatThrownBy(() -> EntityTable.of("Thing", nestedArray, List.of())).hasMessageContaining("field 'matrix'");
    }

    @Test
    void shortensLongIndexNamesWithoutCollisions() {
        Identifier table = new Identifier("t".repeat(40));
        Identifier a = Identifiers.index(table, new Identifier("c".repeat(30) + "_a"));
        Identifier b = Identifiers.index(table, new Identifier("c".repeat(30) + "_b"));
        assertThat(a.name()).hasSize(63).endsWith("_idx");
        assertThat(a).isNotEqualTo(b);
        assertThat(Identifiers.index(new Identifier("balance"), new Identifier("token")).name()).isEqualTo("balance_token_idx");
    }

    private static List<String> columns(EntityTable table) {
        return table.columns().stream().map(c -> c.name() + " " + c.type().sqlType()).collect(Collectors.toList());
    }
}
