package io.tidewater.app.cli;

import io.tidewater.app.config.AppConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** What the {@code ingest} command adds to the ingester's keys: its HTTP endpoints and progress line. */
public class IngestAppConfig extends AbstractConfig {
    public static final String HTTP_PORT_CONFIG = AppConfig.HTTP_PORT_CONFIG;
    public static final String HTTP_PORT_DOC = "Port of /metrics and /health (/ready: 200 once within a block of the head it follows). "
            + "-1 disables them; 0 picks a free port.";

    public static final String PROGRESS_INTERVAL_MS_CONFIG = AppConfig.PROGRESS_INTERVAL_MS_CONFIG;
    public static final String PROGRESS_INTERVAL_MS_DOC = "Interval between progress lines (node head, produced block, logs/s, blocks/s). "
            + "0 disables them.";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(HTTP_PORT_CONFIG, Type.INT, 8080, Range.between(AppConfig.HTTP_DISABLED, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
            .define(PROGRESS_INTERVAL_MS_CONFIG, Type.LONG, 10_000L, Range.between(0, 3_600_000), Importance.LOW, PROGRESS_INTERVAL_MS_DOC);

    public IngestAppConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public long progressIntervalMs() {
        return getLong(PROGRESS_INTERVAL_MS_CONFIG);
    }
}
