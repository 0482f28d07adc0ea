package io.tidewater.app.init;

import java.util.stream.Collectors;

/** The generated project's README: what it holds, how to build, test and run it. */
final class ReadmeFile {
    private ReadmeFile() {
    }

    static String render(ProjectSpec spec) {
        String tables = spec.entities().stream()
                .map(e -> "| `" + snake(e.className()) + "` | `" + e.event() + "` |")
                .collect(Collectors.joining("\n"));
        String contract = spec.contract()
                .map(c -> "Logs of contract `" + c.address() + "` on chain " + c.chainId() + " only (`CONTRACTS` in the indexer).")
                .orElse("Logs of any contract on any chain (`CONTRACTS` in the indexer is `Contracts.any()`; restrict it with "
                        + "`Contracts.on(chainId, \"0x...\")`).");
        return """
                # %1$s

                A Tidewater indexer made by `tidewater init`: every event becomes a row of its
                own Postgres table, with where the log was (`chain_id`, `block_number`, `log_index`, `block_timestamp`,
                `transaction_hash`, `contract_address`) and every parameter by name. Numbers are `numeric`; addresses
                and bytes lowercase `0x` hex; arrays and tuples JSON text; an indexed string, bytes, array or tuple is
                the Keccak-256 hash a log carries in its place.

                %2$s

                | table | event |
                |---|---|
                %3$s

                ## Build and test

                ```
                mvn package
                ```

                builds `target/%1$s-0.1.0.jar` and runs `src/test`, on Tidewater's test kit: one log of every event
                becomes its row, and `ReorgSafety` feeds random chains with reorgs and duplicates through the handlers
                and checks the result against a clean replay of the canonical chain.

                ## Run

                From the Tidewater checkout, index straight from a node (it fetches only the logs this indexer
                declares) into an embedded Postgres, or your own with `--jdbc-url`:

                ```
                ./tidewater index --rpc-url https://node.example.org --from-block B --to-block B \\
                    --indexer-jar %4$s/target/%1$s-0.1.0.jar --keep-running
                ```

                The embedded Postgres lives as long as the command; `--keep-running` keeps it up after the
                summary, which prints the `psql` commands to query your tables, until Ctrl-C. Without
                `--to-block` it follows the head and prints them at the start.

                Or replay a file of logs (raw `topics` and `data`, as nodes return them, or decoded):

                ```
                ./tidewater replay --indexer-jar %4$s/target/%1$s-0.1.0.jar --input logs.jsonl
                ```

                In production, `tidewater run --config tidewater.properties` with `indexer.path` naming the jar.

                ## Change it

                - Entities are Avro records in `src/main/avro/%1$s.avsc`; the build generates their classes. Tables
                  follow: a new field adds a column on the next start.
                - Handlers are in `src/main/java/%5$s/%6$s.java`. They read and write only through the context, and
                  must stay deterministic: no clock, no randomness, no I/O.
                """.formatted(spec.name(), contract, tables, "<this directory>", spec.javaPackage().replace('.', '/'),
                spec.indexerClass());
    }

    /** As the sink names tables: {@code TransferSingle} → {@code transfer_single}. */
    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
