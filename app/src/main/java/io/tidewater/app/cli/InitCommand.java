package io.tidewater.app.cli;

import io.tidewater.app.ExitCode;
import io.tidewater.app.init.InitRequest;
import io.tidewater.app.init.ProjectInit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Writes your own indexer project for a contract's events.",
            "A standalone Maven project: one entity (one Postgres table) per event with every parameter as a "
                + "column, a handler per event, a test on the test kit (including the reorg-safety check) and "
                + "a README. 'mvn package' in DIR gives the jar that replay, run and demo load with "
                + "--indexer-jar."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  tidewater init my-token --abi Token.json --contract 0xA0b8...eB48 --chain-id 1",
            "  tidewater init my-token \\",
            "    --event 'Transfer(address indexed from, address indexed to, uint256 value)'"})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project's directory: new, or empty.")
    Path dir;

    @Option(names = "--abi", paramLabel = "FILE.json",
            description = "The contract's JSON ABI, or a compiler artifact (Hardhat, Foundry) holding one: every event in it.")
    Path abi;

    @Option(names = "--event", paramLabel = "SIGNATURE",
            description = "An event signature, e.g. 'Transfer(address indexed from, address indexed to, uint256 value)'; "
                    + "repeatable. With --abi: the ABI's events to keep, by name or signature.")
    List<String> events = new ArrayList<>();

    @Option(names = "--contract", paramLabel = "0x..", description = "Index this contract's logs only (with --chain-id).")
    String contract;

    @Option(names = "--chain-id", paramLabel = "N", description = "The contract's chain.")
    Long chainId;

    @Option(names = "--name", paramLabel = "NAME", description = "The project's Maven artifact id (default: DIR's name).")
    String name;

    @Option(names = "--package", paramLabel = "PKG", description = "The Java package (default: com.example.<name>).")
    String javaPackage;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InitRequest request = new InitRequest(dir, Optional.ofNullable(abi), events, Optional.ofNullable(contract),
                Optional.ofNullable(chainId), Optional.ofNullable(name), Optional.ofNullable(javaPackage));
        try {
            ProjectInit.run(request, out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.flush();
        return ExitCode.OK;
    }
}
