package io.tidewater.bench.perf;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.sink.PostgresSinkConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker and the Postgres that every measurement of one run shares: started in-process by
 * the harness, or attached to by the memory worker, which must not carry them in its own RSS.
 */
final class BenchStack implements AutoCloseable {
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String user;
    private final AutoCloseable owned;

    private BenchStack(String bootstrapServers, String jdbcUrl, String user, AutoCloseable owned) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.owned = owned;
    }

    static BenchStack start() {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        try {
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.temporary().start();
            return new BenchStack(kafka.bootstrapServers(), pg.jdbcUrl(), pg.user(), () -> {
                try {
                    kafka.close();
                } finally {
                    pg.close();
                }
            });
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Another process's stack; closing it closes nothing. Embedded Postgres trusts loopback, so no password. */
    static BenchStack attach(String bootstrapServers, String jdbcUrl, String user) {
        return new BenchStack(bootstrapServers, jdbcUrl, user, () -> {
        });
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, user, "");
        c.setAutoCommit(false);
        return c;
    }

    /** Sink settings for a schema of its own, so measurements never see each other's rows. */
    PostgresSinkConfig sinkConfig(String schema) {
        Map<String, Object> m = new HashMap<>();
        m.put(PostgresSinkConfig.JDBC_URL_CONFIG, jdbcUrl);
        m.put(PostgresSinkConfig.JDBC_USER_CONFIG, user);
        m.put(PostgresSinkConfig.JDBC_PASSWORD_CONFIG, "");
        m.put(PostgresSinkConfig.JDBC_SCHEMA_CONFIG, schema);
        return new PostgresSinkConfig(m);
    }

    void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Records in the changelogs of one Streams application, counted by end offsets: under
     * exactly-once each commit adds one marker per partition, which at a commit every 100 ms is
     * noise next to the records.
     */
    /** Records on the application's changelog topics so far, by store name. */
    Map<String, Long> changelogRecords(String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
                    latest.put(new org.apache.kafka.common.TopicPartition(topic, 0), org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
            }
            Map<String, Long> byStore = new TreeMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> byStore.merge(
                    partition.topic().substring(applicationId.length() + 1, partition.topic().length() - "-changelog".length()),
                    info.offset(), Long::sum));
            return byStore;
        }
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }
}
