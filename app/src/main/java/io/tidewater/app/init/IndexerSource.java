package io.tidewater.app.init;

import java.util.ArrayList;
import java.util.List;

/** The generated indexer: the events, the contracts, and a handler per event that writes its row. */
final class IndexerSource {
    private IndexerSource() {
    }

    static String render(ProjectSpec spec) {
        String cls = spec.indexerClass();
        List<String> constants = new ArrayList<>();
        spec.abi().ifPresent(abi -> constants.add("    private static final Abi ABI = Abi.fromResource(" + cls + ".class, "
                + Java.quote("/" + abi.resource()) + ");\n"));
        for (EntityLayout e : spec.entities()) {
            String source = spec.abi().isPresent()
                    ? "ABI.event(" + Java.quote(e.event().canonical()) + ")"
                    : "EventSignature.parse(" + Java.quote(e.event().toString()) + ")";
            constants.add("    /** {@code " + e.event() + "} */\n    public static final EventSignature " + e.constant() + " = "
                    + source + ";\n");
        }
        String contracts = spec.contract()
                .map(c -> "Contracts.on(" + c.chainId() + "L, " + Java.quote(c.address()) + ")")
                .orElse("Contracts.any()");
        List<String> definitions = new ArrayList<>();
        List<String> registrations = new ArrayList<>();
        List<String> handlers = new ArrayList<>();
        for (EntityLayout e : spec.entities()) {
            definitions.add("EntityDefinition.of(" + e.className() + ".class)");
            registrations.add("        registry.on(" + e.constant() + ", CONTRACTS, " + cls + "::on" + e.className() + ");\n");
            StringBuilder h = new StringBuilder();
            h.append("    static void on").append(e.className()).append("(HandlerContext ctx) {\n");
            if (!e.columns().isEmpty()) {
                h.append("        Params p = ctx.event().params();\n");
            }
            h.append("        ").append(e.className()).append(" row = new ").append(e.className()).append("();\n");
            h.append("        position(row, ctx);\n");
            for (EntityLayout.Column c : e.columns()) {
                h.append("        row.put(").append(Java.quote(c.field())).append(", ").append(c.kind().read(c.param().name()))
                        .append(");\n");
            }
            h.append("        ctx.set(row);\n    }\n");
            handlers.add(h.toString());
        }
        return """
                package %1$s;

                import io.tidewater.serdes.Params;
                import io.tidewater.topology.api.Abi;
                import io.tidewater.topology.api.Contracts;
                import io.tidewater.topology.api.EntityDefinition;
                import io.tidewater.topology.api.EventSignature;
                import io.tidewater.topology.api.HandlerContext;
                import io.tidewater.topology.api.HandlerRegistry;
                import io.tidewater.topology.api.Indexer;
                import java.math.BigDecimal;
                import java.util.List;
                import java.util.Locale;
                import org.apache.avro.generic.GenericRecord;

                /**
                 * Made by {@code tidewater init}: every event as a row of its own table, keyed by chain, block
                 * and log index. A starting point: change the entities (src/main/avro) and the handlers to
                 * keep what your application needs. Handlers must stay deterministic (no clock, no
                 * randomness, no I/O), and read and write only through the context.
                 */
                public final class %2$s implements Indexer {
                %3$s
                    /** The contracts whose logs are indexed. */
                    public static final Contracts CONTRACTS = %4$s;

                    @Override
                    public String name() {
                        return %5$s;
                    }

                    @Override
                    public List<EntityDefinition<?>> entities() {
                        return List.of(
                                %6$s);
                    }

                    @Override
                    public void registerHandlers(HandlerRegistry registry) {
                %7$s    }

                %8$s
                    /** Where the log was: the fields every entity starts with. */
                    private static void position(GenericRecord row, HandlerContext ctx) {
                        row.put("id", ctx.chainId() + "-" + ctx.block().number() + "-" + ctx.log().index());
                        row.put("chainId", ctx.chainId());
                        row.put("blockNumber", ctx.block().number());
                        row.put("logIndex", ctx.log().index());
                        row.put("blockTimestamp", ctx.block().timestamp());
                        row.put("transactionHash", ctx.log().txHash());
                        row.put("contractAddress", ctx.log().address().toLowerCase(Locale.ROOT));
                    }
                }
                """.formatted(spec.javaPackage(), cls, String.join("", constants), contracts, Java.quote(spec.name()),
                String.join(",\n                ", definitions), String.join("", registrations), String.join("\n", handlers));
    }
}
