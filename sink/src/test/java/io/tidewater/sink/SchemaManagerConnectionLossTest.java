package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.examples.erc20.Erc20Indexer;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A connection ended by the server during the schema DDL (found by the chaos harness killing
 * busy backends while {@code tidewater run} started): the failure must reach the retrier as
 * what it is, an admin shutdown (57P01, transient), not as the "connection is closed" of the
 * rollback that follows, which stopped the app.
 */
class SchemaManagerConnectionLossTest {
    @Test
    void theServersReasonSurvivesAFailedRollback() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw terminated;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "rollback" -> throw new SQLException("Connection is closed.");
                    default -> null;
                });

        assertThatThrownBy(() -> new SchemaManager("public", new Erc20Indexer().entities()).apply(connection))
                .isSameAs(terminated)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getSuppressed()).hasSize(1));
    }
}
