package io.tidewater.app.config;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that is about to leave the process, such as a JDBC driver's
 * exception message quoting a URL with {@code password=...}, or {@code user:pass@host}; or a
 * config value, such as a JDBC URL that carries its password.
 */
public final class Redaction {
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|credentials?|sasl\\.jaas\\.config)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^&;,\\s\"']+)");
    private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]+):[^@/\\s]+@");

    private Redaction() {
    }

    public static String redact(String text) {
        String masked = KEY_VALUE.matcher(text).replaceAll("$1[hidden]");
        return USER_INFO.matcher(masked).replaceAll("$1:[hidden]@");
    }
}
