package io.tidewater.app.config;

/**
 * One key as one source gave it: either a value, or the path of a file holding the value.
 * {@code origin} says where it came from, for error messages ("config.properties",
 * "environment variable TIDEWATER_JDBC_PASSWORD").
 */
record Setting(String key, String value, String secretFile, String origin) {
    static Setting value(String key, String value, String origin) {
        return new Setting(key, value, null, origin);
    }

    static Setting secretFile(String key, String file, String origin) {
        return new Setting(key, null, file, origin);
    }

    boolean fromFile() {
        return secretFile != null;
    }

    String resolve() {
        return fromFile() ? SecretFiles.read(key, secretFile, origin) : value;
    }

    String describeOrigin() {
        return fromFile() ? "file '" + secretFile + "' named by " + origin : origin;
    }
}
