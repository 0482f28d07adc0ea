package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entity and field names an indexer author (or an attacker who controls a schema) might
 * supply: quotes, SQL fragments, Unicode, reserved words, over-long names and near-collisions.
 * Each is either rejected before any SQL exists, naming the entity and field, or created in a
 * real Postgres exactly as documented (snake_case, quoted) with nothing else touched.
 */
class HostileIdentifiersTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private String schema;

    @BeforeEach
    void freshSchemaWithAVictim() throws Exception {
        schema = db.newSchema();
        db.execute("CREATE SCHEMA \"" + schema + "\"");
        db.execute("CREATE TABLE \"" + schema + "\".\"victim\" (\"id\" text PRIMARY KEY)");
    }

    static Stream<Arguments> createdSafely() {
        return Stream.of(
                Arguments.of("Order", List.of("from", "select", "user", "table", "group"), "order",
                        List.of("id", "from", "select", "user", "table", "group")),
                Arguments.of("User", List.of("where", "limit", "offset", "primary"), "user",
                        List.of("id", "where", "limit", "offset", "primary")),
                Arguments.of("Thing", List.of("a".repeat(63)), "thing", List.of("id", "a".repeat(63))),
                Arguments.of("Thing", List.of("value1", "value_1", "valueOne", "value_one_"), "thing",
                        List.of("id", "value1", "value_1", "value_one", "value_one_")),
                Arguments.of("Thing", List.of("1st", "__", "_x_"), "thing", List.of("id", "1st", "__", "_x_")),
                Arguments.of("HTTPServer2", List.of("ERC20Token"), "http_server2", List.of("id", "erc20_token")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("createdSafely")
    void awkwardButValidNamesAreCreatedQuotedAsDocumented(String entity, List<String> fields, String table, List<String> columns)
            throws Exception {
        EntityTable t = EntityTable.of(entity, schema(fields), List.of(fields.get(0)));
        create(t);

        assertThat(db.rows("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "' ORDER BY ordinal_position")).containsExactlyElementsOf(columns);
        assertThat(tablesInSchema()).containsExactlyInAnyOrder("victim", table);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("Thing", List.of("a\"b"), "field 'a\"b'"),
                Arguments.of("Thing", List.of("a'b"), "field 'a'b'"),
                Arguments.of("Thing", List.of("x\"; DROP TABLE victim; --"), "DROP TABLE victim"),
                Arguments.of("Thing", List.of("naïve"), "field 'naïve'"),
                Arguments.of("Thing", List.of("名前"), "field '名前'"),
                Arguments.of("Thing", List.of("zero\u0000byte"), "field 'zero"),
                Arguments.of("Thing", List.of("tab\tname"), "field 'tab\tname'"),
                Arguments.of("Thing", List.of("space name"), "field 'space name'"),
                Arguments.of("Thing", List.of(""), "field ''"),
                Arguments.of("Thing", List.of("b".repeat(64)), "longer than 63 bytes"),
                Arguments.of("Thing", List.of("fooBar", "foo_bar"), "both map to column \"foo_bar\""),
                Arguments.of("Thing", List.of("FooBar", "fooBar"), "both map to column \"foo_bar\""),
                Arguments.of("Thing", List.of("Id"), "\"id\""),
                Arguments.of("Bad\"Entity", List.of("x"), "entity 'Bad\"Entity'"),
                Arguments.of("victim\"; DROP TABLE victim; --", List.of("x"), "DROP TABLE victim"),
                Arguments.of("Ünïcode", List.of("x"), "entity 'Ünïcode'"),
                Arguments.of("E".repeat(64), List.of("x"), "longer than 63 bytes"),
                Arguments.of("TidewaterProgress", List.of("x"), "reserved for Tidewater's own tables"),
                Arguments.of("tidewater_chains", List.of("x"), "reserved for Tidewater's own tables"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejected")
    void hostileNamesAreRejectedBeforeAnySqlExistsAndNothingIsTouched(String entity, List<String> fields, String message)
            throws Exception {
        assertThatThrownBy(() -> create(EntityTable.of(entity, schema(fields), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);

        assertThat(tablesInSchema()).containsExactly("victim");
    }

    /** The fields as JSON, parsed without Avro's name check: the sink must not rely on it. */
    private static Schema schema(List<String> fields) {
        StringBuilder json = new StringBuilder("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}");
        for (String f : fields) {
            json.append(",{\"name\":\"").append(escape(f)).append("\",\"type\":\"long\"}");
        }
        return new Schema.Parser(NameValidator.NO_VALIDATION).parse(json.append("]}").toString());
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void create(EntityTable table) throws Exception {
        List<String> ddl = new ArrayList<>(TableMigration.plan(Identifiers.schema(schema), table, Optional.empty()).statements());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
            }
        }
    }

    private List<String> tablesInSchema() throws Exception {
        return db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY 1");
    }
}
