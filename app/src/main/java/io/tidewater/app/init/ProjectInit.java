package io.tidewater.app.init;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code tidewater init}: writes a standalone indexer project, and makes sure it can build. */
public final class ProjectInit {
    private ProjectInit() {
    }

    /** @throws IllegalArgumentException for a bad flag, ABI or directory, naming it */
    public static void run(InitRequest request, PrintWriter out) throws Exception {
        ProjectSpec spec = request.toSpec();
        Map<String, String> files = ProjectWriter.write(request.dir(), spec);
        out.println("Wrote " + files.size() + " files to " + request.dir() + ": " + spec.entities().size() + " events, "
                + spec.contract().map(c -> "contract " + c.address() + " on chain " + c.chainId()).orElse("any contract"));
        spec.entities().forEach(e -> out.println("  " + e.className() + "  " + e.event()));
        LocalArtifacts.forVersion(spec.versions().tidewater()).ensure(out);
        out.println();
        out.println("Next:");
        NextSteps.lines(request.dir(), spec.name() + "-0.1.0.jar", LocalArtifacts.home().orElse(null), Path.of("").toAbsolutePath())
                .forEach(line -> out.println("  " + line));
    }
}
