package io.tidewater.sink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a real data source so that chosen commits fail the way a connection dying during
 * {@code COMMIT} looks to the client (SQLSTATE 08006), either after the commit happened or
 * before. Everything else reaches the real Postgres.
 */
final class FaultyCommits {
    enum Mode {
        /** The commit happens, then the client sees the connection fail. */
        LANDED,
        /** The client sees the connection fail, and the transaction is rolled back. */
        LOST
    }

    private final DataSource real;
    private final Mode mode;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger commits = new AtomicInteger();

    FaultyCommits(DataSource real, Mode mode) {
        this.real = real;
        this.mode = mode;
        this.failuresLeft = new AtomicInteger();
    }

    /** The next {@code failures} commits fail. */
    void arm(int failures) {
        failuresLeft.set(failures);
    }

    int commits() {
        return commits.get();
    }

    DataSource dataSource() {
        InvocationHandler sourceHandler = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            return method.getName().equals("getConnection") ? wrap((Connection) result) : result;
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, sourceHandler);
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
                commits.incrementAndGet();
                if (failuresLeft.getAndDecrement() > 0) {
                    if (mode == Mode.LANDED) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                }
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
