package io.tidewater.app.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that maps config keys to environment variable names.
 *
 * <p>The rule: {@code TIDEWATER_} followed by the key upper-cased, with every {@code .} and
 * {@code -} turned into {@code _}. So {@code jdbc.password} is {@code TIDEWATER_JDBC_PASSWORD}
 * and {@code batch.interval.ms} is {@code TIDEWATER_BATCH_INTERVAL_MS}. Adding {@code _FILE}
 * reads the value from the file it names. Because the mapping loses the difference between
 * {@code .}, {@code -} and {@code _}, it is applied forward, from each declared key to its
 * variable; two declared keys that map to one variable are rejected up front.
 *
 * <p>Kafka client pass-through keys ({@code kafka.*}) have no declared list, so their variables
 * are mapped backward: {@code TIDEWATER_KAFKA_SECURITY_PROTOCOL} is
 * {@code kafka.security.protocol}, every {@code _} becoming {@code .}, which is right because
 * Kafka's own keys use dots only.
 */
public final class EnvironmentNames {
    static final String PREFIX = "TIDEWATER_";
    public static final String FILE_SUFFIX = "_FILE";
    static final String KAFKA_PREFIX = PREFIX + "KAFKA_";

    /** Variables the launcher script and logback.xml read; never config keys. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("TIDEWATER_JAVA_OPTS", "TIDEWATER_SKIP_BUILD", "TIDEWATER_LOG_LEVEL");

    /**
     * Kubernetes injects {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT_8080_TCP} and so on
     * for every Service in the namespace; a Service named "tidewater" must not look like a typo.
     */
    private static final Pattern SERVICE_LINK = Pattern.compile("TIDEWATER_(.+_)?(SERVICE_HOST|SERVICE_PORT(_.+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

    private EnvironmentNames() {
    }

    public static String of(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code TIDEWATER_KAFKA_SASL_MECHANISM} → {@code kafka.sasl.mechanism}. */
    static String kafkaKey(String variable) {
        return "kafka." + variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    static boolean isKafka(String variable) {
        return variable.startsWith(KAFKA_PREFIX) && variable.length() > KAFKA_PREFIX.length();
    }

    /** A TIDEWATER_ variable that is not ours to judge. */
    static boolean isForeign(String variable) {
        return LAUNCHER_VARIABLES.contains(variable) || SERVICE_LINK.matcher(variable).matches();
    }
}
