package io.tidewater.app.cli;

import static io.tidewater.app.cli.CliTestSupport.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.ExitCode;
import io.tidewater.app.cli.CliTestSupport.Run;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.api.DeepReorgException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TidewaterCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo    | --keep-running",
        "replay  | --input,--jdbc-url,--reorg-threshold,--indexer,--keep-running",
        "run     | --config,TIDEWATER_",
        "produce | --input,--bootstrap-servers,--topic,--format,--skip-invalid",
        "ingest  | --rpc-url,--bootstrap-servers,--follow,--config,TIDEWATER_",
        "index   | --rpc-url,--to-block,--indexer-jar,--jdbc-url,--keep-running",
        "init    | --abi,--event,--contract,Examples"})
    void everyCommandHasHelpNamingItsOptions(String command, String options) {
        Run run = execute(command, "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Usage: tidewater " + command).contains("--help");
        for (String option : options.split(",")) {
            assertThat(run.out()).contains(option);
        }
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        Run run = execute("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "replay", "run", "produce", "3 deep reorg");
    }

    @Test
    void theCommandListGivesEveryCommandAWholeSentence() {
        List<String> lines = execute("--help").out().lines().toList();
        List<String> commands = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                .takeWhile(line -> !line.isBlank()).toList();
        assertThat(commands).extracting(line -> line.trim().split(" ")[0])
                .containsExactly("demo", "replay", "run", "produce", "ingest", "index", "init");
        assertThat(commands).allSatisfy(line -> assertThat(line).endsWith("."));
    }

    /**
     * A description broken into lines by hand wraps raggedly at the help's width: a short line, then
     * the same sentence going on. (Only the description, which starts at column 0; the options'
     * column is narrow and picocli's own wrapping of it is fine.)
     */
    @ParameterizedTest
    @CsvSource({"demo", "replay", "run", "produce", "ingest", "index", "init"})
    void descriptionsAreWrappedWithoutRaggedBreaks(String command) {
        List<String> lines = execute(command, "--help").out().lines().filter(line -> !line.startsWith(" ")).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i);
            String next = lines.get(i + 1);
            boolean cutShort = line.length() < 50 && !line.isEmpty() && Character.isLetter(line.charAt(line.length() - 1));
            assertThat(cutShort && !next.isEmpty() && Character.isLowerCase(next.charAt(0)))
                    .as("'%s' then '%s'", line, next).isFalse();
        }
    }

    @Test
    void versionIsTheBuildVersion() {
        Run run = execute("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).matches("tidewater \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = execute();
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("a command is required");
    }

    @Test
    void unknownFlagIsNamedOnOneLineWithAHint() {
        Run run = execute("replay", "--input", "x.jsonl", "--reorg-treshold", "5");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().toList()).containsExactly(
                "tidewater replay: Unknown options: '--reorg-treshold', '5'",
                "Try 'tidewater replay --help' for more information.");

        Run alsoMissingRequired = execute("produce", "--bogus");
        assertThat(alsoMissingRequired.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(alsoMissingRequired.err().lines().toList()).containsExactly(
                "tidewater produce: Unknown option: '--bogus'",
                "Try 'tidewater produce --help' for more information.");
    }

    @Test
    void badFlagValuesAndMissingFilesAreNamed() throws IOException {
        Run notANumber = execute("replay", "--input", "x.jsonl", "--reorg-threshold", "deep");
        assertThat(notANumber.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notANumber.err()).startsWith("tidewater replay: ").contains("--reorg-threshold").contains("'deep'");

        Run missing = execute("replay", "--input", dir.resolve("absent.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("--input: cannot read file").contains("absent.jsonl");

        Path input = Files.writeString(dir.resolve("in.jsonl"), "");
        Run zero = execute("replay", "--input", input.toString(), "--reorg-threshold", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("--reorg-threshold: must be at least 1");

        Run format = execute("produce", "--input", input.toString(), "--bootstrap-servers", "h:1", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(format.err()).contains("--format").contains("expected avro or json");
    }

    @Test
    void badConfigExitsTwoNamingTheKey() throws IOException {
        Path config = Files.writeString(dir.resolve("tidewater.properties"), """
                bootstrap.servers=localhost:9092
                reorg.treshold=10
                """);
        Run run = execute("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("tidewater run: config error: unknown config key 'reorg.treshold'")
                .endsWith("did you mean 'reorg.threshold'?");

        Run badEnv = execute(new NotWiredRunner(), Map.of("TIDEWATER_NUM_STREAM_THREADS", "0"),
                "run", "--config", Files.writeString(config, "bootstrap.servers=localhost:9092\n").toString());
        assertThat(badEnv.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badEnv.err()).contains("num.stream.threads").contains("TIDEWATER_NUM_STREAM_THREADS");
    }

    @Test
    void commandsAreHandedToTheRunnerWithValidatedOptions() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "");
        Path config = Files.writeString(dir.resolve("tidewater.properties"), "bootstrap.servers=k:9092\nreorg.threshold=7\n");
        RecordingRunner runner = new RecordingRunner();

        assertThat(execute(runner, Map.of(), "demo", "--keep-running").exitCode()).isZero();
        assertThat(execute(runner, Map.of(), "replay", "--input", input.toString(), "--jdbc-url", "jdbc:postgresql://db/x",
                "--reorg-threshold", "12", "--indexer", "com.example.MyIndexer", "--keep-running").exitCode()).isZero();
        assertThat(execute(runner, Map.of("TIDEWATER_APPLICATION_ID", "from-env"), "run", "--config", config.toString())
                .exitCode()).isZero();

        assertThat(runner.calls.get(0)).isEqualTo(new DemoOptions(true, java.util.Optional.empty()));
        ReplayOptions replay = (ReplayOptions) runner.calls.get(1);
        assertThat(replay.input()).isEqualTo(input);
        assertThat(replay.jdbcUrl()).contains("jdbc:postgresql://db/x");
        assertThat(replay.reorgThreshold()).hasValue(12);
        assertThat(replay.indexerClass()).contains("com.example.MyIndexer");
        assertThat(replay.keepRunning()).isTrue();
        LoadedConfig loaded = (LoadedConfig) runner.calls.get(2);
        assertThat(loaded.as(AppConfig::new).applicationId()).isEqualTo("from-env");
        assertThat(loaded.as(TidewaterConfig::new).reorgThreshold()).isEqualTo(7);
    }

    @Test
    void runnerFailuresMapToExitCodes() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "");
        CommandRunner deep = new RecordingRunner() {
            @Override
            public int replay(ReplayOptions options) {
                throw new RuntimeException("stream thread died", new DeepReorgException(1, 500, 100, 200, "explicit reorg notice"));
            }
        };
        Run run = execute(deep, Map.of(), "replay", "--input", input.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.DEEP_REORG);
        assertThat(run.err()).contains("deep reorg on chain 1").contains("depth 400").contains("threshold 200");

        Run notWired = execute("demo");
        assertThat(notWired.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(notWired.err().trim()).isEqualTo("tidewater demo: 'tidewater demo' is not wired yet: "
                + "this build has no Streams runner or Postgres sink");
    }

    private static class RecordingRunner implements CommandRunner {
        final List<Object> calls = new ArrayList<>();

        @Override
        public int demo(DemoOptions options) {
            calls.add(options);
            return ExitCode.OK;
        }

        @Override
        public int replay(ReplayOptions options) {
            calls.add(options);
            return ExitCode.OK;
        }

        @Override
        public int run(LoadedConfig config) {
            calls.add(config);
            return ExitCode.OK;
        }
    }
}
