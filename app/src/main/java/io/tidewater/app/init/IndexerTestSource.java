package io.tidewater.app.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generated project's test, on the test kit: one log of every event becomes its row, and
 * the handlers pass the reorg-safety check.
 */
final class IndexerTestSource {
    private IndexerTestSource() {
    }

    static String render(ProjectSpec spec) {
        String cls = spec.indexerClass();
        List<EntityLayout> testable = spec.entities().stream().filter(EntityLayout::encodable).toList();
        StringBuilder logs = new StringBuilder();
        StringBuilder checks = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        for (int index = 0; index < testable.size(); index++) {
            EntityLayout e = testable.get(index);
            int i = index;
            logs.append("\n                    .log(CONTRACT, ").append(cls).append('.').append(e.constant()).append(values(e, false)).append(')');
            String id = "CHAIN + \"-1-" + i + "\"";
            checks.append("            ").append(e.className()).append(" row").append(i).append(" = kit.written(")
                    .append(e.className()).append(".class).get(").append(id).append(");\n");
            checks.append("            assertNotNull(row").append(i).append(", \"").append(e.className()).append(" row\");\n");
            checks.append("            assertEquals(1L, row").append(i).append(".get(\"blockNumber\"));\n");
            firstScalar(e).ifPresent(c -> checks.append("            assertEquals(")
                    .append(Java.quote(SampleValues.expectedText(c.param().type()))).append(", String.valueOf(row")
                    .append(i).append(".get(").append(Java.quote(c.field())).append(")));\n"));
            cases.append("                    case ").append(i).append(" -> logs.log(CONTRACT, ").append(cls).append('.')
                    .append(e.constant()).append(values(e, true)).append(");\n");
        }
        String skipped = spec.entities().size() == testable.size() ? ""
                : "// Left out: events with an indexed array or tuple, which the test kit cannot hash into a topic.\n";
        return """
                package %1$s;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertNotNull;
                import static org.junit.jupiter.api.Assertions.assertTrue;

                import io.tidewater.testkit.IndexerTestKit;
                import io.tidewater.testkit.ReorgSafety;
                import java.util.List;
                import org.junit.jupiter.api.Test;

                %2$sclass %3$sTest {
                    static final long CHAIN = %4$dL;
                    static final String CONTRACT = %5$s;

                    @Test
                    void everyEventBecomesARow() {
                        try (IndexerTestKit kit = IndexerTestKit.of(new %3$s())) {
                            kit.chain(CHAIN).block()%6$s;
                            kit.flush();
                            assertEquals(List.of(), kit.deadLetters());
                %7$s        }
                    }

                    @Test
                    void handlersAreReorgSafe() {
                        ReorgSafety.Report report = ReorgSafety.of(%3$s::new, (chainId, block, random, logs) -> {
                            for (int i = random.nextInt(3); i > 0; i--) {
                                switch (random.nextInt(%8$d)) {
                %9$s                    default -> throw new IllegalStateException();
                                }
                            }
                        }).chains(CHAIN).seeds(10).blocks(30).check();
                        assertTrue(report.logsApplied() > 0, "the check indexed logs");
                    }
                }
                """.formatted(spec.javaPackage(), skipped, cls, spec.testChain(), Java.quote(spec.testContract()), logs,
                checks, Math.max(1, testable.size()), cases);
    }

    private static String values(EntityLayout e, boolean random) {
        List<String> out = new ArrayList<>();
        for (EntityLayout.Column c : e.columns()) {
            out.add(SampleValues.of(c.param().type(), random));
        }
        return out.isEmpty() ? "" : ", " + String.join(", ", out);
    }

    /** A parameter whose column holds exactly the sample's text: not hashed, not JSON, not a hex re-spelling. */
    private static Optional<EntityLayout.Column> firstScalar(EntityLayout e) {
        return e.columns().stream()
                .filter(c -> c.kind() == ParamKind.INTEGER || c.kind() == ParamKind.ADDRESS || c.kind() == ParamKind.BOOLEAN
                        || (c.kind() == ParamKind.TEXT && !c.param().hashed()))
                .findFirst();
    }
}
