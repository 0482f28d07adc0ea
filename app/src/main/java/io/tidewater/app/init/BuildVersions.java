package io.tidewater.app.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions this Tidewater was built with: Tidewater's own, and the plugins and libraries a
 * generated project uses, so that it builds from what the local Maven repository already holds.
 */
record BuildVersions(String tidewater, String avro, String junit, String logback, String compiler, String surefire,
        String jar) {
    static BuildVersions current() {
        Properties p = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("/init/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("init/build.properties is missing from the app's resources");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildVersions(p.getProperty("tidewater.version"), p.getProperty("avro.version"), p.getProperty("junit.version"),
                p.getProperty("logback.version"), p.getProperty("compiler.version"), p.getProperty("surefire.version"),
                p.getProperty("jar.version"));
    }
}
