package io.tidewater.ingest;

import io.tidewater.ingest.chain.NodeReader;
import io.tidewater.ingest.emit.InputTopic;
import io.tidewater.ingest.emit.KafkaRecordWriter;
import io.tidewater.ingest.emit.ResumeReader;
import io.tidewater.ingest.rpc.Backoff;
import io.tidewater.ingest.rpc.JsonRpcClient;
import io.tidewater.ingest.rpc.Retrier;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.ingest.chain.LogFilter;
import io.tidewater.topology.api.Subscription;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;

/**
 * One chain's ingester wired from its config: the node client, the topic writer and the resume
 * reader. What the {@code ingest} and {@code index} commands, tests and benchmarks start.
 *
 * <pre>{@code
 * try (Ingestion ingestion = Ingestion.create(config, Map.of(), new IngestMetrics(registry))) {
 *     Ingester.Outcome outcome = ingestion.run();
 * }
 * }</pre>
 *
 * <p>Threading: {@link #run()} on one thread; {@link #close()} after it returned.
 */
public final class Ingestion implements AutoCloseable {
    private final KafkaRecordWriter writer;
    private final Ingester ingester;
    private final String nodeUrl;

    private Ingestion(KafkaRecordWriter writer, Ingester ingester, String nodeUrl) {
        this.writer = writer;
        this.ingester = ingester;
        this.nodeUrl = nodeUrl;
    }

    /** @param kafkaSettings further Kafka client settings (TLS, SASL), applied over the bootstrap servers */
    public static Ingestion create(IngestConfig config, Map<String, ?> kafkaSettings, IngestMetrics metrics) {
        return create(config, kafkaSettings, metrics, Optional.empty());
    }

    /**
     * @param indexer the events and contracts an indexer declares, which then choose the logs
     *                instead of the config's contracts, topic0s and events
     */
    public static Ingestion create(IngestConfig config, Map<String, ?> kafkaSettings, IngestMetrics metrics,
            Optional<List<Subscription>> indexer) {
        LongFunction<LogFilter> filters = indexer.<LongFunction<LogFilter>>map(subs -> chain -> {
            try {
                return LogFilter.of(subs, chain);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(IngestConfig.INDEXER_PATH_CONFIG, config.indexerPath().orElse("the indexer"), e.getMessage());
            }
        }).orElse(chain -> config.logFilter());
        JsonRpcClient client;
        try {
            client = new JsonRpcClient(config.rpcUrl(), config.timeout(), config.maxRequestsPerSecond(), metrics);
        } catch (RpcException e) {
            throw new ConfigException(IngestConfig.RPC_URL_CONFIG + ": " + e.getMessage());
        }
        Retrier retrier = new Retrier(new Backoff(config.retryBackoff(), config.retryBackoffMax()), metrics);
        NodeReader node = new NodeReader(client, retrier, config.batchSize());
        Map<String, Object> kafka = new HashMap<>();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        kafka.putAll(kafkaSettings);
        InputTopic.ensure(kafka, config.inputTopic());
        ResumeReader resume = new ResumeReader(kafka, config.inputTopic(), config.inputFormat());
        KafkaRecordWriter writer = new KafkaRecordWriter(kafka, config.inputTopic(), config.inputFormat());
        return new Ingestion(writer, new Ingester(config, node, writer, resume, metrics, filters), client.redactedUrl());
    }

    /** The node's URL without path or query, safe to print. */
    public String nodeUrl() {
        return nodeUrl;
    }

    public Ingester.Outcome run() throws InterruptedException {
        return ingester.run();
    }

    /** Records sent so far; after {@link #close()}, all of them acknowledged. */
    public long sent() {
        return writer.sent();
    }

    /** Per partition, the offset after the last acknowledged record. */
    public Map<Integer, Long> endOffsets() {
        return writer.endOffsets();
    }

    @Override
    public void close() {
        writer.close();
    }
}
