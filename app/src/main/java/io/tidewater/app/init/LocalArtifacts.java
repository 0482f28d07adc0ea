package io.tidewater.app.init;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Tidewater's own artifacts in the local Maven repository, which a generated project builds
 * against: the parent pom, serdes, topology and the test kit. Installed from the Tidewater
 * checkout the app runs from ({@code tidewater.home}, set by the launcher, or
 * {@code TIDEWATER_HOME}) every time: a SNAPSHOT already there may come from another build of
 * the checkout, and Maven's install is incremental, so it is both correct and quick. Without a
 * checkout, what the repository holds is used, and its absence is an error saying what to do.
 */
final class LocalArtifacts {
    static final String HOME_PROPERTY = "tidewater.home";
    static final String HOME_ENVIRONMENT = "TIDEWATER_HOME";
    private static final List<String> MODULES = List.of("tidewater-serdes", "tidewater-topology", "tidewater-testkit");

    private final Path repository;
    private final String version;

    LocalArtifacts(Path repository, String version) {
        this.repository = repository;
        this.version = version;
    }

    /** The repository Maven uses by default, or the one {@code maven.repo.local} names. */
    static LocalArtifacts forVersion(String version) {
        String configured = System.getProperty("maven.repo.local");
        Path repo = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new LocalArtifacts(repo, version);
    }

    private boolean present() {
        if (!Files.isRegularFile(artifact("tidewater-parent", "pom"))) {
            return false;
        }
        return MODULES.stream().allMatch(m -> Files.isRegularFile(artifact(m, "jar")) && Files.isRegularFile(artifact(m, "pom")));
    }

    /** The Tidewater checkout the app runs from, if it knows one. */
    static Optional<Path> home() {
        String home = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENVIRONMENT));
        return home != null && Files.isRegularFile(Path.of(home, "pom.xml")) ? Optional.of(Path.of(home)) : Optional.empty();
    }

    /** Makes sure the repository holds this Tidewater's artifacts. */
    void ensure(PrintWriter out) throws IOException, InterruptedException {
        Optional<Path> home = home();
        if (home.isPresent()) {
            install(home.get(), out);
        } else if (!present()) {
            throw new IllegalStateException("Tidewater " + version + " is not in the local Maven repository (" + repository
                    + ") and this app does not know its checkout to install it from: run "
                    + "'mvn install -DskipTests -pl testkit -am' in the Tidewater checkout, then init again");
        }
    }

    /** Runs {@code mvn install} for the test kit and what it needs, in the Tidewater checkout. */
    private void install(Path home, PrintWriter out) throws IOException, InterruptedException {
        out.println("Installing Tidewater " + version + " into the local Maven repository (mvn install; a minute the first time) ...");
        out.flush();
        Path log = Files.createTempFile("tidewater-install", ".log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-DskipTests", "-Dmaven.repo.local=" + repository,
                "install", "-pl", "testkit", "-am")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(20, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new IllegalStateException("mvn install did not finish in 20 minutes; its output is in " + log);
        }
        if (mvn.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("mvn install failed (exit " + mvn.exitValue() + "); the end of its output:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        Files.deleteIfExists(log);
    }

    private Path artifact(String artifactId, String extension) {
        return repository.resolve(Path.of("io", "tidewater", artifactId, version, artifactId + "-" + version + "." + extension));
    }
}
