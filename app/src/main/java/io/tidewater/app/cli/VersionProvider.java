package io.tidewater.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven filtered into the jar, so {@code --version} matches the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/tidewater-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"tidewater " + p.getProperty("version", "unknown")};
    }
}
