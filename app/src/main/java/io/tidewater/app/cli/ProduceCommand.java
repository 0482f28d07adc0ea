package io.tidewater.app.cli;

import io.tidewater.app.ExitCode;
import io.tidewater.app.produce.InputProducer;
import io.tidewater.app.produce.InvalidLineException;
import io.tidewater.app.produce.JsonLinesFile;
import io.tidewater.serdes.InputFormat;
import io.tidewater.topology.TidewaterConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A minimal chain-ingestion producer. By default the whole file is checked before anything is
 * sent, so a malformed line (reported with its line number and field, exit 2) leaves the topic
 * untouched; {@code --skip-invalid} instead sends the valid lines and reports the others.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Writes a JSON-lines file of input records to the input topic.",
            "Keyed by chain id, with an idempotent producer. The whole file is validated first: a malformed "
                + "line is reported with its line number and field, nothing is sent, and the exit code is 2 "
                + "(unless --skip-invalid)."})
final class ProduceCommand implements Callable<Integer> {
    static final String DEFAULT_TOPIC = (String) TidewaterConfig.CONFIG.defaultValues().get(TidewaterConfig.INPUT_TOPIC_CONFIG);

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.jsonl",
            description = "Input records, one JSON object a line.")
    Path input;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "T", description = "Input topic (default: ${DEFAULT-VALUE}).")
    String topic = DEFAULT_TOPIC;

    @Option(names = "--format", paramLabel = "avro|json", converter = InputFormatConverter.class,
            description = "Value encoding; must match the indexer's input.format (default: avro).")
    InputFormat format = InputFormat.AVRO;

    @Option(names = "--skip-invalid",
            description = "Send the valid lines and report malformed ones on stderr, instead of sending nothing.")
    boolean skipInvalid;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka producer setting, e.g. security.protocol=SSL; repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new ParameterException(spec.commandLine(), "--input: cannot read file '" + input + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonLinesFile file = new JsonLinesFile(input);
        if (!skipInvalid) {
            try {
                file.validate();
            } catch (InvalidLineException e) {
                err.println("tidewater produce: " + e.getMessage());
                err.flush();
                return ExitCode.USAGE;
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>(producerProperties);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long[] skipped = {0};
        try (InputProducer producer = new InputProducer(settings, topic, format)) {
            producer.partitions();
            file.read(producer::send, invalid -> {
                skipped[0]++;
                err.println("tidewater produce: skipped " + invalid.getMessage());
            });
            producer.flush();
            out.println("Produced " + producer.sent() + " records to topic '" + topic + "' as " + format.name().toLowerCase(Locale.ROOT)
                    + " (" + describe(producer.sentPerChain()) + ")"
                    + (skipped[0] > 0 ? "; skipped " + skipped[0] + " invalid lines" : ""));
        }
        out.flush();
        err.flush();
        return ExitCode.OK;
    }

    private static String describe(Map<Long, Long> perChain) {
        if (perChain.isEmpty()) {
            return "no chains";
        }
        return perChain.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "chain " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
