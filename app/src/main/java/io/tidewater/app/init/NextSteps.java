package io.tidewater.app.init;

import java.nio.file.Path;
import java.util.List;

/**
 * The commands {@code init} suggests after writing a project, runnable as printed from the
 * directory the user ran it in: the build in a subshell, so the working directory stays, and the
 * launcher by a path that reaches it from there.
 */
final class NextSteps {
    private NextSteps() {
    }

    /**
     * @param home the Tidewater checkout the app runs from, or null when it runs from a bare jar
     * @param cwd the absolute working directory
     */
    static List<String> lines(Path dir, String jarName, Path home, Path cwd) {
        String jar = dir.resolve("target").resolve(jarName).toString();
        String tidewater = launcher(home, cwd);
        return List.of(
                "(cd " + dir + " && mvn package)",
                tidewater + " index --rpc-url URL --from-block B --to-block B --indexer-jar " + jar,
                tidewater + " replay --indexer-jar " + jar + " --input logs.jsonl");
    }

    private static String launcher(Path home, Path cwd) {
        if (home == null) {
            return "tidewater";
        }
        Path script = home.toAbsolutePath().normalize().resolve("tidewater");
        Path normalCwd = cwd.normalize();
        return script.startsWith(normalCwd) ? "./" + normalCwd.relativize(script) : script.toString();
    }
}
