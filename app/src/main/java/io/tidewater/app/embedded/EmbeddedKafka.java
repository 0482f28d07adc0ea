package io.tidewater.app.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process, single-node KRaft broker (broker and controller roles in one server) on
 * loopback, for {@code demo}, {@code replay} and tests. It supports transactions, so
 * {@code exactly_once_v2} Streams clients and transactional producers work against it.
 *
 * <p>Its log directory is a fresh temporary directory, formatted with the latest
 * <em>production</em> metadata version and feature levels, and removed on {@link #close()}.
 *
 * <p>Threading: {@link #start()} and {@link #close()} are meant for one owning thread;
 * {@link #bootstrapServers()} may be read from any thread after {@code start()} returned.
 *
 * <p>Note that the broker, like any Kafka server, may terminate the JVM on an unrecoverable
 * storage fault; that is acceptable for local use and is why production uses a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Map<String, ?> overrides;
    private Path logDir;
    private KafkaRaftServer server;
    private volatile String bootstrapServers;

    public EmbeddedKafka() {
        this(Map.of());
    }

    /** @param brokerOverrides broker settings applied over the single-node defaults */
    public EmbeddedKafka(Map<String, ?> brokerOverrides) {
        this.overrides = Map.copyOf(brokerOverrides);
    }

    /**
     * Formats a temporary log directory and starts the broker; returns once the broker has
     * registered with its controller and is unfenced, i.e. ready for clients.
     */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("embedded Kafka broker already started at " + bootstrapServers);
        }
        logDir = Directories.createTemp("tidewater-kafka-");
        int brokerPort = FreePort.pick();
        int controllerPort = FreePort.pick();
        Properties props = BrokerProperties.of(brokerPort, controllerPort, logDir, overrides);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        try {
            format(config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded Kafka broker failed to start on port " + brokerPort
                    + ": " + e.getMessage(), e);
        }
        bootstrapServers = BrokerProperties.HOST + ":" + brokerPort;
        LOG.info("Embedded Kafka broker ready at {} (data in {})", bootstrapServers, logDir);
        return this;
    }

    /** {@code host:port} of the PLAINTEXT listener; only valid after {@link #start()}. */
    public String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("embedded Kafka broker is not started");
        }
        return servers;
    }

    /** Stops the broker and deletes its data. Safe to call more than once. */
    @Override
    public synchronized void close() {
        bootstrapServers = null;
        if (server != null) {
            long started = System.nanoTime();
            try {
                server.shutdown();
                server.awaitShutdown();
                LOG.debug("Embedded Kafka broker stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
            }
            server = null;
        }
        if (logDir != null) {
            try {
                Directories.deleteRecursively(logDir);
            } catch (IOException e) {
                LOG.warn("Could not delete embedded Kafka data in {}", logDir, e);
            }
            logDir = null;
        }
    }

    private static void format(KafkaConfig config) throws Exception {
        String dir = config.metadataLogDir();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(BrokerProperties.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }
}
