package io.tidewater.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("e2e")
class EmbeddedPostgresServerTest {

    @Test
    void answersQueriesOverJdbcThenStops() throws SQLException {
        String url;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.temporary().start()) {
            url = pg.jdbcUrl();
            assertThat(url).startsWith("jdbc:postgresql://localhost:" + pg.port() + "/");
            assertThat(queryInt(url, pg.user(), pg.password(), "select 1")).isEqualTo(1);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
    }

    @Test
    void persistentDataSurvivesARestart(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("pgdata");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.persistent(data, 0).start()) {
            execute(pg, "create table kept (n int)");
            execute(pg, "insert into kept values (42)");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.persistent(data, 0).start()) {
            assertThat(queryInt(pg.jdbcUrl(), pg.user(), pg.password(), "select n from kept")).isEqualTo(42);
        }
    }

    private static void execute(EmbeddedPostgresServer pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int queryInt(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
